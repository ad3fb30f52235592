/** Unique temp folders and exact listings of what is on disk, to prove what a run wrote (or did not). */
import { createHash } from "node:crypto";
import { lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import type { Tree } from "../../src/engine/tree.js";

/** A maker of temp folders, all removed after the calling suite. */
export function tempDirs(prefix = "cfra-test-"): () => string {
  const made: string[] = [];
  afterAll(() => {
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    made.push(dir);
    return dir;
  };
}

/**
 * Every entry under `dir` (folders, files, links, dotfiles) with its type, permission bits and a
 * content hash, one line each: two listings are equal exactly when nothing was added, removed or changed.
 */
export function listing(dir: string): string[] {
  const lines: string[] = [];
  const walk = (rel: string) => {
    for (const name of readdirSync(join(dir, rel)).sort()) {
      const path = rel ? `${rel}/${name}` : name;
      const full = join(dir, path);
      const stat = lstatSync(full);
      const mode = (stat.mode & 0o777).toString(8);
      if (stat.isDirectory()) {
        lines.push(`${path}/ ${mode}`);
        walk(path);
      } else if (stat.isSymbolicLink()) {
        lines.push(`${path} -> ${readlinkSync(full)}`);
      } else {
        lines.push(`${path} ${mode} ${createHash("sha256").update(readFileSync(full)).digest("hex")}`);
      }
    }
  };
  walk("");
  return lines;
}

export interface FileEntry {
  path: string;
  mode: string;
  content: Buffer;
}

/** The files under `dir` (not folders), minus top-level entries in `skip`, sorted by path. */
export function filesOn(dir: string, skip: readonly string[] = [".git", "node_modules"]): FileEntry[] {
  const files: FileEntry[] = [];
  const walk = (rel: string) => {
    for (const name of readdirSync(join(dir, rel)).sort()) {
      const path = rel ? `${rel}/${name}` : name;
      if (!rel && skip.includes(name)) continue;
      const stat = lstatSync(join(dir, path));
      if (stat.isDirectory()) walk(path);
      else files.push({ path, mode: (stat.mode & 0o777).toString(8), content: readFileSync(join(dir, path)) });
    }
  };
  walk("");
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The in-memory tree in the same shape as `filesOn`, so a written project compares byte for byte. */
export function filesOf(tree: Tree): FileEntry[] {
  return tree
    .entries()
    .map(([path, file]) => ({ path, mode: file.mode.toString(8), content: Buffer.from(file.content, "utf8") }));
}
