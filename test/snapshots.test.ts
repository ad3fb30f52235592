/**
 * The full generated tree of every case in test/cases.ts, compared file by file with readable copies
 * under test/__snapshots__/<case>/<path>: exact bytes, the exact set of paths, and file modes.
 * `UPDATE_SNAPSHOTS=1 npm test` rewrites them (stale files and folders included); review the diff.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, posix, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import fse from "fs-extra";
import { describe, expect, it } from "vitest";
import { Tree } from "../src/engine/tree.js";
import { CASES, renderCase } from "./cases.js";

const ROOT = fileURLToPath(new URL("./__snapshots__/", import.meta.url));
const UPDATE = process.env.UPDATE_SNAPSHOTS === "1";
const HOW_TO_UPDATE = "if the change is intended, run UPDATE_SNAPSHOTS=1 npm test and review the diff";

/** Modes other than 0644, by tree path, kept beside the files since git records only the executable bit. */
const MODES_FILE = ".modes.json";
const DEFAULT_MODE = 0o644;

/**
 * Names git reads inside our own repository: a generated .gitignore stored as is would hide files of
 * the snapshot from git, so these are stored with a suffix.
 */
const GIT_NAMES = new Set([".gitignore", ".gitattributes", ".gitmodules"]);
const GIT_NAME_SUFFIX = ".snap";

function toStoredPath(treePath: string): string {
  const name = posix.basename(treePath);
  if (GIT_NAMES.has(name)) return `${treePath}${GIT_NAME_SUFFIX}`;
  if (treePath === MODES_FILE || GIT_NAMES.has(name.slice(0, -GIT_NAME_SUFFIX.length))) {
    throw new Error(`${treePath} collides with the snapshot's own naming; change the snapshot scheme`);
  }
  return treePath;
}

function fromStoredPath(storedPath: string): string {
  const name = posix.basename(storedPath);
  const unescaped = name.slice(0, -GIT_NAME_SUFFIX.length);
  return name.endsWith(GIT_NAME_SUFFIX) && GIT_NAMES.has(unescaped)
    ? posix.join(posix.dirname(storedPath), unescaped)
    : storedPath;
}

interface Snapshot {
  files: Map<string, string>;
  modes: Record<string, string>;
}

function modesOf(tree: Tree): Record<string, string> {
  const modes: Record<string, string> = {};
  for (const [path, file] of tree.entries()) if (file.mode !== DEFAULT_MODE) modes[path] = file.mode.toString(8);
  return modes;
}

function readSnapshot(dir: string): Snapshot {
  const files = new Map<string, string>();
  let modes: Record<string, string> = {};
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = join(folder, entry.name);
      const stored = relative(dir, full).split(sep).join("/");
      if (entry.isDirectory()) walk(full);
      else if (stored === MODES_FILE) modes = JSON.parse(readFileSync(full, "utf8"));
      else files.set(fromStoredPath(stored), readFileSync(full, "utf8"));
    }
  };
  if (existsSync(dir)) walk(dir);
  return { files, modes };
}

function writeSnapshot(dir: string, tree: Tree): void {
  rmSync(dir, { recursive: true, force: true });
  for (const [path, file] of tree.entries()) {
    fse.outputFileSync(join(dir, toStoredPath(path)), file.content);
  }
  const modes = modesOf(tree);
  if (Object.keys(modes).length > 0) writeFileSync(join(dir, MODES_FILE), `${JSON.stringify(modes, null, 2)}\n`);
}

function snapshotFolders(): string[] {
  if (!existsSync(ROOT)) return [];
  return readdirSync(ROOT, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

const caseNames = new Set(CASES.map((c) => c.name));
if (UPDATE) {
  for (const folder of snapshotFolders()) if (!caseNames.has(folder)) rmSync(join(ROOT, folder), { recursive: true });
}

describe("snapshots", () => {
  it("has one folder per case and no other", () => {
    expect(snapshotFolders(), HOW_TO_UPDATE).toEqual([...caseNames].sort());
  });

  for (const specCase of CASES) {
    describe(specCase.name, () => {
      const tree = renderCase(specCase);
      const dir = join(ROOT, specCase.name);
      if (UPDATE) writeSnapshot(dir, tree);
      const snapshot = readSnapshot(dir);

      it("generates exactly the files of its snapshot", () => {
        expect(tree.paths(), HOW_TO_UPDATE).toEqual([...snapshot.files.keys()].sort());
      });

      it(`gives files the modes in ${MODES_FILE}`, () => {
        expect(modesOf(tree), HOW_TO_UPDATE).toEqual(snapshot.modes);
      });

      const paths = [...new Set([...tree.paths(), ...snapshot.files.keys()])].sort();
      for (const path of paths) {
        it(path, () => {
          const generated = tree.get(path)?.content;
          const stored = snapshot.files.get(path);
          expect(generated, `${path} has a snapshot but is no longer generated; ${HOW_TO_UPDATE}`).toBeDefined();
          expect(stored, `${path} is generated but has no snapshot; ${HOW_TO_UPDATE}`).toBeDefined();
          expect(generated, `${path} differs from its snapshot; ${HOW_TO_UPDATE}`).toBe(stored);
        });
      }
    });
  }
});

describe("snapshot storage", () => {
  it("writes a tree and reads it back: contents, git's own names, and modes", () => {
    const tree = new Tree();
    tree.add(".gitignore", "dist/\n");
    tree.add("dist/keep.txt", "not ignored\n");
    tree.add("scripts/bootstrap.sh", "#!/usr/bin/env bash\n", 0o755);
    const dir = mkdtempSync(join(tmpdir(), "snapshot-storage-"));
    try {
      writeSnapshot(dir, tree);
      expect(readdirSync(dir).sort()).toEqual([".gitignore.snap", MODES_FILE, "dist", "scripts"]);
      const read = readSnapshot(dir);
      expect([...read.files.entries()].sort()).toEqual(tree.entries().map(([path, file]) => [path, file.content]));
      expect(read.modes).toEqual({ "scripts/bootstrap.sh": "755" });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("store git's own file names with a suffix, and read them back", () => {
    expect(toStoredPath(".gitignore")).toBe(".gitignore.snap");
    expect(toStoredPath("sub/.gitattributes")).toBe("sub/.gitattributes.snap");
    expect(toStoredPath("fly.toml")).toBe("fly.toml");
    for (const path of [".gitignore", "sub/.gitattributes", "fly.toml", ".github/workflows/ci.yml", "x.snap"]) {
      expect(fromStoredPath(toStoredPath(path))).toBe(path);
    }
  });

  it("refuse a generated path that would read back as another one", () => {
    expect(() => toStoredPath(".gitignore.snap")).toThrow(/collides/);
    expect(() => toStoredPath(MODES_FILE)).toThrow(/collides/);
  });
});
