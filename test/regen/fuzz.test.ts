/**
 * Hostile repository data, at random, fed to the built CLI: journal, manifest and base.json
 * contents from random JSON to near-valid files naming `.git/`, a user's file, paths outside the
 * project, setuid modes and wrong hashes; FIFOs, folders and symlinks at generated paths. Whatever
 * the input, regenerate and `--check` exit 0, 1 or 2 without a stack trace, and nothing outside the
 * paths the generator can write changes: the whole project folder, .git included, is compared.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  cpSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join, posix } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { generatedPaths } from "../../src/engine/generated-paths.js";
import { JOURNAL_PATH } from "../../src/engine/journal.js";
import { BASE_PATH, MANIFEST_PATH, sha256 } from "../../src/engine/manifest.js";
import { GIT_IDENTITY_ENV, runCli } from "../helpers/cli.js";
import { generators, templates } from "../helpers/render.js";
import { editSpec, generate, tempDir } from "./helpers.js";

const root = tempDir("fuzz");
afterAll(() => rmSync(root, { recursive: true, force: true }));

const GENERATED = [...generatedPaths(generators, templates)].sort();
const METADATA = [MANIFEST_PATH, BASE_PATH, JOURNAL_PATH];
const HOSTILE_PATHS = [
  ".git/HEAD",
  ".git/hooks/pre-commit",
  ".git/config",
  "NOTES.md",
  "../outside.txt",
  "/etc/passwd",
  "src/../../outside.txt",
  "fly-ref-arch.json",
  JOURNAL_PATH,
  "",
  "a\\b",
  "src/lib/",
];

/** What regenerate may change: generated files, metadata, their temporary files and their folders. */
const MAY_CHANGE = new Set<string>();
for (const path of [...GENERATED, ...METADATA]) {
  MAY_CHANGE.add(path);
  MAY_CHANGE.add(posix.join(posix.dirname(path), `.${posix.basename(path)}.fly-ref-arch-tmp`));
  for (let dir = posix.dirname(path); dir !== "."; dir = posix.dirname(dir)) MAY_CHANGE.add(dir);
}

/** A project with a git history, and a file outside it that links point at. */
const origin = join(root, "origin");
const outsideFile = join(root, "outside.txt");
writeFileSync(outsideFile, "outside\n");
generate(origin, { name: "fuzzed", regions: ["iad", "lhr"] });
execFileSync("git", ["init", "-q", origin]);
execFileSync("git", ["-C", origin, "add", "-A"]);
execFileSync("git", ["-C", origin, "commit", "-qm", "generated"], { env: { ...process.env, ...GIT_IDENTITY_ENV } });

/** Every entry under `dir` by kind: files by content hash, links by target, FIFOs and folders by mode. */
function entries(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string) => {
    for (const name of readdirSync(join(dir, rel))) {
      const path = rel ? `${rel}/${name}` : name;
      const stats = lstatSync(join(dir, path));
      const mode = (stats.mode & 0o7777).toString(8);
      if (stats.isDirectory()) {
        out.set(path, `dir ${mode}`);
        walk(path);
      } else if (stats.isSymbolicLink()) out.set(path, `link ${readlinkSync(join(dir, path))}`);
      else if (stats.isFile())
        out.set(
          path,
          `file ${mode} ${createHash("sha256")
            .update(readFileSync(join(dir, path)))
            .digest("hex")}`,
        );
      else out.set(path, `special ${stats.mode.toString(8)}`);
    }
  };
  walk("");
  return out;
}

function changedPaths(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...new Set([...before.keys(), ...after.keys()])].filter((p) => before.get(p) !== after.get(p)).sort();
}

const text = (dir: string, path: string) => {
  try {
    return readFileSync(join(dir, path), "utf8");
  } catch {
    return undefined;
  }
};

/** A path to name in a metadata file: mostly generated ones, often hostile ones. */
const pathArb = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...GENERATED) },
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_PATHS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);
/** A hash: of what is there now (so a hostile entry passes the hash checks), of nothing, or junk. */
const hashArb = fc.constantFrom("current", "other", "junk", null);
const changeArb = fc.record({
  kind: fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom("create", "update", "merge", "conflict", "delete") },
    { weight: 1, arbitrary: fc.constantFrom("chmod", 7) },
  ),
  path: pathArb,
  before: hashArb,
  content: fc.oneof(fc.constant(null), fc.constant("#!/bin/sh\ntouch PWNED\n"), fc.string({ maxLength: 20 })),
  mode: fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(0o644, 0o755) },
    { weight: 1, arbitrary: fc.constantFrom(2541, 0o777, -1, "493", 0o4755) },
  ),
  conflicts: fc.oneof({ weight: 6, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constantFrom(1, -1, 0.5) }),
  metadata: fc.constantFrom(undefined, true, false),
});

/** Contents of one metadata file: absent, random JSON or text, or structured and near-valid. */
function fileArb<T>(structured: fc.Arbitrary<T>, absent = 1) {
  return fc.oneof(
    { weight: absent, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.jsonValue().map((v) => ({ raw: JSON.stringify(v) })) },
    { weight: 1, arbitrary: fc.string({ maxLength: 40 }).map((raw) => ({ raw })) },
    { weight: 4, arbitrary: structured.map((data) => ({ data })) },
  );
}

const scenarioArb = fc.record({
  // Mostly absent or well-formed, so that the manifest and base.json behind it are reached too.
  journal: fileArb(
    fc.record({
      journal: fc.oneof({ weight: 8, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.constantFrom(2, "1") }),
      changes: fc.array(changeArb, { maxLength: 4 }),
    }),
    6,
  ),
  manifest: fc.oneof(
    { weight: 2, arbitrary: fc.constant("keep" as const) },
    fileArb(
      fc.record({
        generator: fc.constantFrom("create-fly-ref-arch", "other"),
        version: fc.constantFrom("0.0.1", "0.1.0", "x", "99.0.0"),
        files: fc.dictionary(pathArb, fc.record({ sha256: hashArb })),
      }),
    ),
  ),
  base: fc.oneof(
    { weight: 2, arbitrary: fc.constant("keep" as const) },
    fileArb(fc.dictionary(pathArb, fc.oneof(fc.string({ maxLength: 10 }), fc.integer()))),
  ),
  /** Generated paths replaced by something that is not a regular file, or with a folder at their temporary name. */
  oddFiles: fc.array(
    fc.record({
      path: fc.constantFrom(...GENERATED, MANIFEST_PATH, "fly-ref-arch.json"),
      kind: fc.constantFrom("fifo", "folder", "link-outside", "link-dev-zero", "link-inside", "temporary-folder"),
    }),
    { maxLength: 2 },
  ),
  specChange: fc.boolean(),
  check: fc.boolean(),
});

type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

/** A hash marker made real: of the file at `path` now (so a hostile entry passes the hash checks), of other text, or junk. */
function hashFor(marker: string | null, dir: string, path: unknown): string | null {
  if (marker === "current") {
    const now = typeof path === "string" && path !== "" ? text(dir, path) : undefined;
    return now === undefined ? null : sha256(now);
  }
  if (marker === "other") return sha256("other\n");
  return marker === "junk" ? "abc" : null;
}

/** The text to write for a metadata file of the scenario, with its hash markers made real. */
function contentOf(file: { raw: string } | { data: unknown } | undefined, dir: string): string | undefined {
  if (file === undefined) return undefined;
  if ("raw" in file) return file.raw;
  const data = structuredClone(file.data) as { changes?: { before: string | null; path: unknown }[]; files?: unknown };
  for (const change of data.changes ?? []) change.before = hashFor(change.before, dir, change.path);
  if (data.files && typeof data.files === "object") {
    for (const [path, entry] of Object.entries(data.files as Record<string, { sha256: string | null }>)) {
      entry.sha256 = hashFor(entry.sha256, dir, path);
    }
  }
  return JSON.stringify(data);
}

function plant(dir: string, scenario: Scenario): void {
  if (scenario.specChange) editSpec(dir, (spec) => spec.regions.push("syd"));
  const files = [
    [JOURNAL_PATH, scenario.journal],
    [MANIFEST_PATH, scenario.manifest],
    [BASE_PATH, scenario.base],
  ] as const;
  for (const [path, file] of files) {
    if (file === "keep") continue;
    rmSync(join(dir, path), { force: true });
    const content = contentOf(file, dir);
    if (content !== undefined) writeFileSync(join(dir, path), content);
  }
  for (const { path, kind } of scenario.oddFiles) {
    if (kind === "temporary-folder") {
      mkdirSync(join(dir, posix.dirname(path), `.${posix.basename(path)}.fly-ref-arch-tmp`), { recursive: true });
      continue;
    }
    const full = join(dir, path);
    rmSync(full, { recursive: true, force: true });
    mkdirSync(posix.dirname(full), { recursive: true });
    if (kind === "fifo") execFileSync("mkfifo", [full]);
    else if (kind === "folder") mkdirSync(full);
    else if (kind === "link-outside") symlinkSync(outsideFile, full);
    else if (kind === "link-dev-zero") symlinkSync("/dev/zero", full);
    else symlinkSync(join(dir, ".git/HEAD"), full);
  }
}

let runs = 0;

describe("regenerate under hostile repository data (fuzz, built CLI)", () => {
  it("exits 0, 1 or 2, never with a stack trace, and touches no path outside the generated set", async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (scenario) => {
        const dir = join(root, `run${runs++}`);
        cpSync(origin, dir, { recursive: true, verbatimSymlinks: true });
        plant(dir, scenario);
        const before = entries(dir);

        const result = await runCli(["regenerate", dir, ...(scenario.check ? ["--check"] : [])], {
          cwd: dir,
          timeout: 20_000,
        });

        const report = `${JSON.stringify(scenario)}\n${result.stderr}`;
        expect(result.timedOut, report).toBe(false);
        expect([0, 1, 2], report).toContain(result.exitCode);
        expect(result.stderr, report).not.toMatch(/\n\s+at |TypeError|Cannot read properties|RangeError/);
        const touched = changedPaths(before, entries(dir)).filter((p) => !MAY_CHANGE.has(p));
        expect(touched, report).toEqual([]);
        if (scenario.check) expect(changedPaths(before, entries(dir)), report).toEqual([]);
        expect(readFileSync(outsideFile, "utf8")).toBe("outside\n");
        rmSync(dir, { recursive: true, force: true });
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 40) },
    );
  }, 600_000);
});
