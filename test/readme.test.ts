/** The README's quick start must work as written: its generate command is run here as a user would. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
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
