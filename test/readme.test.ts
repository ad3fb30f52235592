/**
 * The README must say what the CLI does: its quick start works as written (its generate command is
 * run here as a user would), and its flag table lists exactly the flags the option definitions
 * declare, as --help prints them.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { COST_OPTIONS } from "../src/cli/cost-options.js";
import { CREATE_OPTIONS, type OptionDef, REGENERATE_OPTIONS } from "../src/cli/options.js";
import { packageRoot } from "../src/engine/templates.js";
import { runCli } from "./helpers/cli.js";
import { render } from "./helpers/render.js";
import { filesOf, filesOn, tempDirs } from "./helpers/tmp.js";

const readme = readFileSync(join(packageRoot(), "README.md"), "utf8");
const tempDir = tempDirs("cfra-readme-");

/** The commands of the block under the quick-start marker, comments stripped. */
function quickStartCommands(): string[] {
  const block = /<!-- quick-start[^>]*-->\s*```sh\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!block) throw new Error("README.md has no quick-start block");
  return block
    .split("\n")
    .map((line) => line.replace(/\s+#.*$/, "").trim())
    .filter(Boolean);
}

describe("README quick start", () => {
  it("has two commands: one generates a repo, one runs the tests through .ci/run", () => {
    const [generate, runTests, ...rest] = quickStartCommands();
    expect(generate).toMatch(/^npm ci && npm run build && node dist\/cli\.js my-app /);
    expect(runTests).toBe("bash .ci/run");
    expect(rest).toEqual([]);
  });

  it("its generate command writes the seed-default repo for my-app", async () => {
    // `npm ci && npm run build` already ran for this suite (global setup); the CLI step runs as written.
    const cliStep = quickStartCommands()[0]?.split("&&").at(-1)?.trim() ?? "";
    const [node, script, ...args] = cliStep.split(/\s+/);
    expect([node, script]).toEqual(["node", "dist/cli.js"]);
    const cwd = tempDir();
    const run = await runCli(args, { cwd });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(filesOn(join(cwd, "my-app"))).toEqual(filesOf(render({ name: "my-app" })));
  });
});

/** How the README and --help spell a flag: `-y, --yes`, `--regions <a,b,c>`. */
const label = (o: OptionDef) => `${o.short ? `-${o.short}, ` : ""}--${o.name}${o.value ? ` ${o.value}` : ""}`;

/** The README's option table: each row's flags (a row may hold several, joined by " / ") and its text. */
function flagTable(): { flags: string[]; meaning: string }[] {
  const table = /\| option \| meaning \|\n\|---\|---\|\n((?:\|.*\n)+)/.exec(readme)?.[1];
  if (!table) throw new Error("README.md has no option table");
  return table
    .trimEnd()
    .split("\n")
    .map((row) => {
      const [flags = "", meaning = ""] = row
        .slice(2, -2)
        .split(/ (?<!\\)\| /)
        .map((cell) => cell.replaceAll("\\|", "|"));
      return { flags: flags.split(" / ").map((flag) => flag.replace(/^`|`$/g, "")), meaning };
    });
}

describe("README flag table", () => {
  const rows = flagTable();

  it("lists every create flag the option definitions declare, in their order, and no other", () => {
    expect(rows.flatMap((row) => row.flags)).toEqual(CREATE_OPTIONS.map(label));
  });

  it.each(CREATE_OPTIONS.filter((o) => o.choices).map((o) => [o.name, o] as const))(
    "--%s: names every allowed value",
    (_, option) => {
      const row = rows.find((r) => r.flags.includes(label(option)));
      for (const choice of option.choices ?? [])
        expect(`${row?.flags.join(" ")} ${row?.meaning}`).toContain(String(choice));
    },
  );

  it.each(CREATE_OPTIONS.filter((o) => /\(default: [^ )]+\)/.test(o.help)).map((o) => [o.name, o] as const))(
    "--%s: gives the default --help gives",
    (_, option) => {
      const value = /\(default: ([^ )]+)\)/.exec(option.help)?.[1];
      const row = rows.find((r) => r.flags.includes(label(option)));
      expect(row?.meaning.replaceAll("`", "")).toContain(`default: ${value}`);
    },
  );

  it("names the flags that are required without prompts, as --help does", async () => {
    const required = CREATE_OPTIONS.filter((o) => o.required).map((o) => `--${o.name}`);
    const listed = (quote: (flag: string) => string) =>
      `${required.slice(0, -1).map(quote).join(", ")} and ${quote(required.at(-1) ?? "")}`;
    expect(readme.replace(/\s+/g, " ")).toContain(`${listed((f) => `\`${f}\``)} (or a \`--spec\` file`);
    const help = (await runCli(["--help"], { cwd: tempDir() })).stdout;
    expect(help.replace(/\s+/g, " ")).toContain(`${listed((f) => f)} (or a --spec file) are required`);
  });
});

describe("--help", () => {
  it.each([
    ["create-fly-ref-arch --help", ["--help"], CREATE_OPTIONS],
    ["create-fly-ref-arch regenerate --help", ["regenerate", "--help"], REGENERATE_OPTIONS],
    ["create-fly-ref-arch cost --help", ["cost", "--help"], COST_OPTIONS],
  ] as const)("%s: a line per option definition, with its help, in order", async (_, args, options) => {
    const run = await runCli([...args], { cwd: tempDir() });
    expect(run.exitCode).toBe(0);
    const block = run.stdout.split("\nOptions:\n")[1]?.split("\n\n")[0]?.split("\n") ?? [];
    expect(block).toHaveLength(options.length);
    block.forEach((line, i) => {
      const option = options[i] as OptionDef;
      expect(line.trim().startsWith(label(option))).toBe(true);
      expect(line.endsWith(`  ${option.help}`)).toBe(true);
    });
  });
});
