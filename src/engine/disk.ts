/**
 * Reading a project's files by their tree paths, never outside the project: a path is refused when
 * it is not a plain relative path or when a symlink on the way leads out of the project folder.
 * Every file is read through untrusted-input.ts: a regular file of bounded size, or a refusal that
 * names it (a FIFO, a device, a socket or a folder where a file belongs; a file over its cap).
 */
import { realpathSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { echo, echoQuoted } from "../echo.js";
import { SPEC_FILE } from "../spec/file.js";
import { JOURNAL_PATH } from "./journal.js";
import { BASE_PATH, MANIFEST_PATH } from "./manifest.js";
import { assertSafePath } from "./tree.js";
import { readInputEntry, UntrustedInputError } from "./untrusted-input.js";

export interface DiskFile {
  content: string;
  mode: number;
}

/** A file's current state by tree path; undefined when absent. */
export type DiskReader = (path: string) => DiskFile | undefined;

export class PathEscapeError extends Error {}

const MiB = 1024 * 1024;

/**
 * The most a project file may hold. A spec is a few hundred bytes and a manifest a few KB; base.json
 * holds the text of every generated file (about 100 KB today), so 8 MiB leaves room for many
 * releases and kept files while bounding what a hostile one costs; the journal holds the new text
 * of every changed file besides base.json. Any other generated file is source or configuration.
 */
export const SPEC_MAX_BYTES = 1 * MiB;
export const READ_CAPS: Readonly<Record<string, number>> = {
  [SPEC_FILE]: SPEC_MAX_BYTES,
  [MANIFEST_PATH]: 1 * MiB,
  [BASE_PATH]: 8 * MiB,
  [JOURNAL_PATH]: 64 * MiB,
};
export const GENERATED_FILE_CAP = 4 * MiB;

/** How refusals name the path and what it must stay within; a project's own paths by default. */
export interface InsideScope {
  label: string;
  within: string;
}

/** The absolute path of `path` inside `root`, after checking that no symlink leads it out. */
export function resolveInside(
  root: string,
  path: string,
  scope: InsideScope = { label: echo(path), within: "the project" },
): string {
  try {
    assertSafePath(path);
  } catch {
    throw new PathEscapeError(`refusing ${echoQuoted(path)}: it is not a path inside ${scope.within}`);
  }
  const full = join(root, path);
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch (error) {
    // No project folder: nothing in it to escape through, and nothing to read.
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return full;
    throw error;
  }
  let existing = full;
  for (;;) {
    try {
      const real = realpathSync(existing);
      if (real !== realRoot && !real.startsWith(realRoot + sep)) {
        const through = echo(relative(root, existing) || ".");
        throw new PathEscapeError(`refusing ${scope.label}: ${through} leads outside ${scope.within}`);
      }
      return full;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // Absent, or below a file: reading it then finds nothing or refuses it, naming the path.
      if (code === "ENOENT" || code === "ENOTDIR") existing = dirname(existing);
      else if (error instanceof PathEscapeError) throw error;
      else
        throw new UntrustedInputError(
          `cannot resolve ${scope.label}: ${code ?? echo((error as Error).message)}; refusing`,
        );
    }
  }
}

export function projectReader(root: string): DiskReader {
  return (path) => {
    const file = readInputEntry(resolveInside(root, path), echo(path), {
      maxBytes: READ_CAPS[path] ?? GENERATED_FILE_CAP,
    });
    return file && { content: file.text, mode: file.mode & 0o777 };
  };
}

/** `reader` as it will be once `changes` are applied (null: deleted), for previews. */
export function overlayReader(reader: DiskReader, changes: ReadonlyMap<string, DiskFile | null>): DiskReader {
  return (path) => {
    const changed = changes.get(path);
    return changed === undefined ? reader(path) : (changed ?? undefined);
  };
}
