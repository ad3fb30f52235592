/**
 * `create-fly-ref-arch cost` through the built CLI: the table and its sources, the JSON shape that
 * README documents, and bad input (exit 2, one line per problem, nothing written).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { estimateCost } from "../../generators/cost/estimate.js";
import { PRICES_READ_ON } from "../../generators/cost/prices.js";
import { costJson } from "../../generators/cost/render.js";
import { runCli } from "../helpers/cli.js";
import { specFrom } from "../helpers/render.js";
import { listing, tempDirs } from "../helpers/tmp.js";

const tempDir = tempDirs();
const README = readFileSync(new URL("../../README.md", import.meta.url), "utf8");

/** A folder holding `files` (objects are written as JSON). */
function folder(files: Record<string, unknown>): string {
  const dir = tempDir();
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), typeof content === "string" ? content : JSON.stringify(content));
  }
  return dir;
}

/** Every field path of a JSON value, arrays as `[]`: `lines[].app`. */
function fieldPaths(value: unknown, prefix = ""): string[] {
  if (Array.isArray(value)) return value.length > 0 ? fieldPaths(value[0], `${prefix}[]`) : [];
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return [path, ...fieldPaths(inner, path)];
  });
}

/** The lines that follow a marker comment in README, up to the next blank line, without code fences. */
function readmeBlock(marker: string): string[] {
  const start = README.indexOf(`<!-- ${marker}`);
  expect(start, `README has no <!-- ${marker} --> block`).toBeGreaterThan(-1);
  const rest = README.slice(README.indexOf("\n", start) + 1);
  return rest
    .slice(0, rest.search(/\n\n/))
    .split("\n")
    .filter((line) => !line.startsWith("```"));
}

describe("cost", () => {
  it("prints a project's estimate: a line per app, region and resource, the totals, what is left out, the sources", async () => {
    const project = folder({ "fly-ref-arch.json": { name: "acme" } });
    const run = await runCli(["cost", project], { cwd: tempDir() });
    expect(run.stderr).toBe("");
    expect(run.exitCode).toBe(0);
    const out = run.stdout.split("\n");
    expect(out[0]).toBe("Monthly estimate for acme, in US dollars for a 30-day month");
    expect(out.find((line) => line.startsWith("total"))).toMatch(/\$35\.94 +\$43\.74$/);
    expect(out).toContain("Not included (usage-based):");
    expect(out).toContain(`Prices: create-fly-ref-arch's table of Fly.io prices, read on ${PRICES_READ_ON}, from:`);
    expect(out).toContain("  - https://fly.io/docs/about/pricing/");
  });

  it("reads fly-ref-arch.json of the current folder when no directory is given", async () => {
    const project = folder({ "fly-ref-arch.json": { name: "here", regions: ["fra"] } });
    const run = await runCli(["cost"], { cwd: project });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain("here-web");
  });

  it("prints the table README shows for the seed architecture", async () => {
    const dir = folder({ "seed.json": { name: "acme" } });
    const run = await runCli(["cost", "--spec", "seed.json"], { cwd: dir });
    const table = readmeBlock("cost-table");
    const out = run.stdout.split("\n");
    const first = out.indexOf(table[0] ?? "");
    expect(first).toBeGreaterThan(-1);
    expect(out.slice(first, first + table.length)).toEqual(table);
  });

  it("--json prints the estimate with exactly the fields README documents", async () => {
    // Managed Postgres and a fixed Upstash plan with a read region: every kind of line, a null region.
    const spec = {
      name: "shop",
      regions: ["iad", "lhr"],
      database: { kind: "mpg" },
      cache: { kind: "upstash", upstashPlan: "Fixed 250MB", replicaRegions: ["lhr"] },
    };
    const dir = folder({ "spec.json": spec });
    const run = await runCli(["cost", "--spec", "spec.json", "--json"], { cwd: dir });
    expect(run.exitCode).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json).toEqual(costJson(estimateCost(specFrom(spec as never))));

    const documented = readmeBlock("cost-json")
      .slice(2)
      .map((row) => /^\| `([^`]+)` \|/.exec(row)?.[1]);
    expect(documented).not.toContain(undefined);
    expect(new Set(fieldPaths(json))).toEqual(new Set(documented));
    expect(json.version).toBe(1);
    expect(json.lines.map((line: { resource: string }) => line.resource)).toEqual([
      "machines",
      "machines",
      "machines",
      "plan",
      "storage",
      "plan",
      "read-regions",
    ]);
    expect(json.lines.at(-1).region).toBeNull();
  });

  it("--help explains the command, and the main help names it", async () => {
    const help = await runCli(["cost", "--help"], { cwd: tempDir() });
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toContain("create-fly-ref-arch cost [directory] [options]");
    expect((await runCli(["--help"], { cwd: tempDir() })).stdout).toContain(
      "create-fly-ref-arch cost [directory] [--spec <file>] [--json]",
    );
  });
});

const FIFO = join(tempDir(), "pipe");
execFileSync("mkfifo", [FIFO]);

interface BadCase {
  args: string[];
  files?: Record<string, unknown>;
  /** Made in the working folder after the files. */
  prepare?: (dir: string) => void;
  says: string[];
}

const BAD: Record<string, BadCase> = {
  "no spec in the folder": {
    args: ["cost"],
    says: ["no fly-ref-arch.json in", "cost prices a project made by create-fly-ref-arch"],
  },
  "a --spec file that is not there": {
    args: ["cost", "--spec", "nope.json"],
    says: [`--spec: nope.json does not exist`],
  },
  "a field out of range": {
    args: ["cost"],
    files: { "fly-ref-arch.json": { name: "acme", web: { vm: { memoryMb: 300 } } } },
    says: ["error: fly-ref-arch.json: web.vm.memoryMb: 300 MB is not a multiple of 256 MB"],
  },
  "a retired region in a --spec file": {
    args: ["cost", "--spec", "s.json"],
    files: { "s.json": { name: "acme", regions: ["sea"] } },
    says: [`error: s.json: regions[0]: "sea" (Seattle) is a retired Fly region; use "sjc"`],
  },
  "not JSON": {
    args: ["cost"],
    files: { "fly-ref-arch.json": "{ name: acme" },
    says: ["fly-ref-arch.json is not valid JSON"],
  },
  "a list instead of an object": {
    args: ["cost"],
    files: { "fly-ref-arch.json": [1, 2] },
    says: ["fly-ref-arch.json must hold a JSON object (the answers), not an array"],
  },
  "a spec that is a symlink leading out of the project": {
    args: ["cost", "project"],
    files: { "outside.json": { name: "acme" }, "project/.keep": "" },
    prepare: (dir) => symlinkSync(join(dir, "outside.json"), join(dir, "project", "fly-ref-arch.json")),
    says: ["refusing fly-ref-arch.json: fly-ref-arch.json leads outside the project"],
  },
  "a FIFO as --spec": {
    // Made outside the working folder: listing() reads every file there, and reading a FIFO waits.
    args: ["cost", "--spec", FIFO],
    says: [`${FIFO} is a FIFO, not a regular file; refusing`],
  },
  "a directory and --spec": {
    args: ["cost", "here", "--spec", "s.json"],
    says: [`cost: give a project directory or --spec <file>, not both (got "here" and --spec "s.json")`],
  },
  "an unknown flag": {
    args: ["cost", "--jsn"],
    says: ["unknown option --jsn; did you mean --json? (see create-fly-ref-arch cost --help)"],
  },
};

describe("cost with bad input", () => {
  it.each(Object.entries(BAD))("%s: exit 2, says why, writes nothing", async (_, bad) => {
    const dir = folder(bad.files ?? {});
    bad.prepare?.(dir);
    const before = listing(dir);
    const run = await runCli(bad.args, { cwd: dir });
    expect(run.timedOut).toBe(false);
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe("");
    for (const text of bad.says) expect(run.stderr).toContain(text);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(listing(dir)).toEqual(before);
  });
});
