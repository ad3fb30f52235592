/**
 * Heavy modules load only on the paths that need them. Each run of the built CLI records the files
 * node loaded; the build's metafile says which chunk carries which package.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { assertBuildIsCurrent, ROOT } from "../helpers/local-registry.js";

const run = promisify(execFile);
const RECORDER = fileURLToPath(new URL("../helpers/record-module-loads.mjs", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "fly-ref-arch-lazy-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Metafile {
  outputs: Record<string, { inputs: Record<string, unknown> }>;
}
assertBuildIsCurrent();
const metafile = JSON.parse(readFileSync(join(ROOT, "dist/metafile-esm.json"), "utf8")) as Metafile;

/** Names of the dist/ files that carry code from under a folder: a package's, or ours. */
function chunksWith(folder: string): string[] {
  return Object.entries(metafile.outputs)
    .filter(([, output]) => Object.keys(output.inputs).some((input) => input.includes(folder)))
    .map(([path]) => basename(path));
}

function chunksOf(pkg: string): string[] {
  return chunksWith(`node_modules/${pkg}/`);
}

/** The dist/ files a run of the built CLI loaded. */
async function chunksLoaded(args: string[], name: string): Promise<string[]> {
  const record = join(work, `${name}.loads`);
  await run(process.execPath, ["--import", RECORDER, join(ROOT, "dist/cli.js"), ...args], {
    cwd: work,
    env: { ...process.env, RECORD_MODULE_LOADS: record, CI: "" },
  });
  if (!existsSync(record)) throw new Error("the loader hook recorded nothing");
  return readFileSync(record, "utf8")
    .split("\n")
    .filter((url) => url.includes("/dist/"))
    .map((url) => basename(fileURLToPath(url)));
}

const PROMPTS = chunksOf("@clack/prompts");
const EXECA = chunksOf("execa");
const ZOD = chunksOf("zod");
/** The components, the registry among them: the parser and --help read their flags as data. */
const COMPONENTS = chunksWith("generators/");

describe("lazy loading in the bundle", () => {
  it("puts the prompts library, execa and zod in chunks of their own, apart from the entry", () => {
    for (const chunks of [PROMPTS, EXECA, ZOD, COMPONENTS]) {
      expect(chunks.length).toBeGreaterThan(0);
      expect(chunks).not.toContain("cli.js");
    }
  });

  it.each([
    ["--help", ["--help"]],
    ["--version", ["--version"]],
  ])("%s loads neither the prompts library, execa, zod nor a component", async (name, args) => {
    const loaded = await chunksLoaded(args, name);
    expect(loaded).toContain("cli.js");
    for (const chunk of [...PROMPTS, ...EXECA, ...ZOD, ...COMPONENTS]) expect(loaded).not.toContain(chunk);
  });

  it("--version alone loads nothing but the entry, and prints the package's version", async () => {
    expect(await chunksLoaded(["--version"], "version-only")).toEqual(["cli.js"]);
    const version = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).version;
    for (const flag of ["--version", "-v"]) {
      expect((await run(process.execPath, [join(ROOT, "dist/cli.js"), flag])).stdout).toBe(`${version}\n`);
    }
  });

  it("a --yes generation without install and git loads neither the prompts library nor execa", async () => {
    const loaded = await chunksLoaded(["quiet-app", "--yes", "--no-install", "--no-git"], "yes");
    expect(loaded).toEqual(expect.arrayContaining([...ZOD, ...COMPONENTS]));
    for (const chunk of [...PROMPTS, ...EXECA]) expect(loaded).not.toContain(chunk);
  });

  it("the git step loads execa, still without the prompts library", async () => {
    const loaded = await chunksLoaded(["git-app", "--yes", "--no-install"], "git");
    expect(loaded).toEqual(expect.arrayContaining(EXECA));
    for (const chunk of PROMPTS) expect(loaded).not.toContain(chunk);
  });
});
