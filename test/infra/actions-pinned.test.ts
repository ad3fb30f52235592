/**
 * Every action in the generated workflows is pinned by a full commit SHA with its release in a
 * comment, and `.github/dependabot.yml` (checked against Dependabot's documented keys) keeps the
 * actions and the dependencies current, weekly and grouped.
 */
import AjvModule from "ajv";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { ACTIONS } from "../../generators/ci/actions.js";
import { render, specFrom } from "../helpers/render.js";
import { ALL_CASES } from "./cases.js";
import { DEPENDABOT_SCHEMA } from "./dependabot-schema.js";

const Ajv = AjvModule.default ?? AjvModule;
const validateDependabot = new Ajv({ allErrors: true }).compile(DEPENDABOT_SCHEMA);

const PINNED = Object.values(ACTIONS).map((action) => `${action.uses} # ${action.release}`);

describe.each(ALL_CASES)("pinned actions and Dependabot: $name", ({ spec: answers }) => {
  const tree = render(answers);
  const text = (path: string) => tree.get(path)?.content ?? "";
  const workflows = tree.paths().filter((path) => path.startsWith(".github/workflows/"));

  it.each(workflows)("%s uses only actions pinned by commit SHA, with the release beside it", (path) => {
    const uses = [...text(path).matchAll(/^\s*(?:-\s+)?uses:\s*(.*)$/gm)].map((m) => m[1]);
    expect(uses.length).toBeGreaterThan(0);
    for (const line of uses) {
      expect(line).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40} # v?\d+(\.\d+)*$/);
      expect(PINNED).toContain(line);
    }
  });

  it("dependabot.yml is a valid Dependabot v2 config", () => {
    const config = parseYaml(text(".github/dependabot.yml"));
    expect(validateDependabot(config) ? [] : validateDependabot.errors).toEqual([]);
  });

  it("dependabot.yml updates the actions and the package manager's dependencies weekly, each in one group", () => {
    const config = parseYaml(text(".github/dependabot.yml"));
    const ecosystem = specFrom(answers).packageManager === "bun" ? "bun" : "npm";
    expect(config.updates.map((u: { "package-ecosystem": string }) => u["package-ecosystem"])).toEqual([
      "github-actions",
      ecosystem,
    ]);
    for (const update of config.updates) {
      expect(update.directory).toBe("/");
      expect(update.schedule).toEqual({ interval: "weekly" });
      expect(Object.values(update.groups)).toEqual([{ patterns: ["*"] }]);
    }
  });
});

describe("the Dependabot check", () => {
  const valid = {
    version: 2,
    updates: [{ "package-ecosystem": "npm", directory: "/", schedule: { interval: "weekly" } }],
  };
  it.each([
    ["an unknown key", { ...valid, updates: [{ ...valid.updates[0], "schedule-interval": "weekly" }] }],
    ["an unknown ecosystem", { ...valid, updates: [{ ...valid.updates[0], "package-ecosystem": "pnpm" }] }],
    ["a bad interval", { ...valid, updates: [{ ...valid.updates[0], schedule: { interval: "fortnightly" } }] }],
    ["version 1", { ...valid, version: 1 }],
  ])("refuses %s", (_, config) => {
    expect(validateDependabot(valid)).toBe(true);
    expect(validateDependabot(config)).toBe(false);
  });
});
