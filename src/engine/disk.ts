/**
 * Reading a project's files by their tree paths, never outside the project: a path is refused when
 * it is not a plain relative path or when a symlink on the way leads out of the project folder.
 */
import { readFileSync, realpathSync, statSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { assertSafePath } from "./tree.js";

export interface DiskFile {
  content: string;
  mode: number;
}

/** A file's current state by tree path; undefined when absent. */
export type DiskReader = (path: string) => DiskFile | undefined;

export class PathEscapeError extends Error {}

/** The absolute path of `path` inside `root`, after checking that no symlink leads it out. */
export function resolveInside(root: string, path: string): string {
  try {
    assertSafePath(path);
  } catch {
    throw new PathEscapeError(`refusing ${JSON.stringify(path)}: it is not a path inside the project`);
  }
  const full = join(root, path);
  const realRoot = realpathSync(root);
  let existing = full;
  for (;;) {
    try {
      const real = realpathSync(existing);
      if (real !== realRoot && !real.startsWith(realRoot + sep)) {
        throw new PathEscapeError(`refusing ${path}: ${relative(root, existing) || "."} leads outside the project`);
      }
      return full;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      existing = dirname(existing);
    }
  }
}

export function projectReader(root: string): DiskReader {
  return (path) => {
    const full = resolveInside(root, path);
    let stats: ReturnType<typeof statSync>;
    try {
      stats = statSync(full);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
    return { content: readFileSync(full, "utf8"), mode: stats.mode & 0o777 };
  };
}

/** `reader` as it will be once `changes` are applied (null: deleted), for previews. */
export function overlayReader(reader: DiskReader, changes: ReadonlyMap<string, DiskFile | null>): DiskReader {
  return (path) => {
    const changed = changes.get(path);
    return changed === undefined ? reader(path) : (changed ?? undefined);
  };
}
