/**
 * Acceptance 1: every valid combination of database × cache × worker × queue generates an app that
 * passes `tsc --noEmit` (strict). Combinations that generate the same TypeScript are compiled once.
 */
import { mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Tree } from "../../src/engine/tree.js";
import { distinctApps, validCombinations } from "./app-matrix.js";
import { bin, run, sharedDependencies, writeTree } from "./generated-app.js";

const cases = validCombinations();
const distinct = distinctApps(cases);

/**
 * One tsc process checks every distinct app, each in its own folder under one root config with the
 * apps' own compiler options: the dependencies' type declarations (the bulk of the work) resolve to
 * the same shared files and are read once, instead of once per app.
 */
async function typecheckAll(trees: Tree[]): Promise<{ root: string; output: string }> {
  const root = await mkdtemp(join(tmpdir(), "fly-ref-arch-tsc-"));
  const include: string[] = [];
  for (const [i, tree] of trees.entries()) {
    await writeTree(tree, join(root, `app${i}`));
    include.push(`app${i}/src`, `app${i}/test`, `app${i}/vitest.config.ts`);
  }
  await symlink(join(await sharedDependencies(), "node_modules"), join(root, "node_modules"), "dir");
  const appConfig = JSON.parse(trees[0]?.get("tsconfig.json")?.content ?? "{}");
  await writeFile(join(root, "tsconfig.json"), JSON.stringify({ compilerOptions: appConfig.compilerOptions, include }));
  const result = await run(await bin("tsc"), ["--noEmit", "-p", "."], { cwd: root }).catch(
    (error: { stdout?: string; stderr?: string }) => error,
  );
  return { root, output: `${result.stdout ?? ""}${result.stderr ?? ""}` };
}

describe("generated app type-checks for every valid option combination", () => {
  let checked: { root: string; output: string };
  beforeAll(async () => {
    checked = await typecheckAll(distinct.map((g) => g.tree));
  }, 180_000);
  afterAll(async () => {
    if (checked) await rm(checked.root, { recursive: true, force: true });
  });

  it("covers the combinations the spec allows, with and without each backend", () => {
    // worker "none": 9 × both queues; a worker: 2 kinds × (6 with a database + 6 with a cache);
    // then 2 of them with object storage.
    expect(cases.length).toBe(44);
    expect(cases.filter((c) => c.answers.storage?.kind === "tigris")).toHaveLength(2);
    expect(cases.some((c) => c.label === "db=none cache=none worker=none queue=postgres")).toBe(true);
    expect(cases.some((c) => c.label.startsWith("db=none cache=none worker=app"))).toBe(false);
    expect(distinct.length).toBeGreaterThan(1);
  });

  for (const [i, { combinations }] of distinct.entries()) {
    const labels = combinations.map((c) => c.label);
    it(`tsc --noEmit (strict): ${labels[0]} (and ${labels.length - 1} more with the same code)`, () => {
      const errors = checked.output.split("\n").filter((line) => line.startsWith(`app${i}/`));
      expect(errors, labels.join("\n")).toEqual([]);
    });
  }

  it("the generated TypeScript is formatted and lint-clean by this repo's Biome rules", async () => {
    const config = JSON.parse(await readFile(resolve(import.meta.dirname, "../../biome.json"), "utf8"));
    await writeFile(
      join(checked.root, "biome.json"),
      JSON.stringify({ ...config, $schema: undefined, vcs: undefined, files: undefined }),
    );
    const paths = distinct.flatMap((_, i) => [`app${i}/src`, `app${i}/test`]);
    const result = await run(resolve(import.meta.dirname, "../../node_modules/.bin/biome"), ["check", ...paths], {
      cwd: checked.root,
    }).catch((error: { stdout?: string; stderr?: string }) => error);
    expect(`${result.stdout}${result.stderr}`).toMatch(/Checked [1-9]\d* files/);
    expect("code" in result ? `${result.stdout}${result.stderr}` : "").toBe("");
  });

  it("tsc reports nothing outside the apps either", () => {
    expect(checked.output.split("\n").filter((line) => line.trim() && !/^app\d+\//.test(line))).toEqual([]);
  });
});
