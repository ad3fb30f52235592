/**
 * Applies a regeneration plan so that a run killed at any point can be run again and end as an
 * uninterrupted run would: journal first, then each file through a temporary file and a rename
 * (a file is old or new, never half-written), then the merge bases and the manifest, then the
 * journal goes. Temporary names are fixed per path, so a retry replaces a leftover one.
 */
import {
  closeSync,
  constants,
  existsSync,
  fchmodSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  renameSync,
  rmdirSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { resolveInside } from "./disk.js";
import { failsWith } from "./fails-with.js";
import { JOURNAL_PATH, journalText } from "./journal.js";
import type { FileChange } from "./plan.js";
import { UntrustedInputError } from "./untrusted-input.js";

export interface ApplyHooks {
  /** Called after every change to the disk; the crash tests kill the process here. */
  step?: () => void;
}

export function applyChanges(root: string, changes: readonly FileChange[], hooks: ApplyHooks = {}): void {
  if (changes.length === 0) return;
  assertTemporariesFree(root, changes);
  writeAtomic(root, JOURNAL_PATH, journalText(changes), 0o644, hooks);
  finishChanges(root, changes, hooks);
}

/** Makes `changes` (all listed in the journal) and removes the journal. */
export function finishChanges(root: string, changes: readonly FileChange[], hooks: ApplyHooks = {}): void {
  assertTemporariesFree(root, changes);
  for (const change of changes) {
    if (change.content === null) removeFile(root, change.path, hooks);
    else writeAtomic(root, change.path, change.content, change.mode, hooks);
  }
  removeFile(root, JOURNAL_PATH, hooks);
}

/**
 * Removes the journal's temporary file left by a run killed before its journal was in place: that
 * run changed nothing else, but a re-run with nothing to do would never overwrite it.
 */
export function discardUnstartedJournal(root: string): void {
  failsWith(["ENOENT"], () => unlinkSync(temporaryFor(resolveInside(root, JOURNAL_PATH))));
}

/**
 * A folder where a temporary file of `changes` (or of the journal) goes, committed say, would stop
 * a run half-way, so it is refused before anything is written; previews check it too. Anything
 * else there is ours to replace: the name is reserved.
 */
export function assertTemporariesFree(root: string, changes: readonly FileChange[]): void {
  const written = changes.filter((c) => c.content !== null).map((c) => c.path);
  for (const path of [JOURNAL_PATH, ...written]) {
    const temporary = temporaryFor(resolveInside(root, path));
    if (lstatSync(temporary, { throwIfNoEntry: false })?.isDirectory()) {
      throw new UntrustedInputError(
        `${relative(root, temporary)} is a folder where regenerate writes a temporary file; refusing`,
      );
    }
  }
}

function temporaryFor(full: string): string {
  return join(dirname(full), `.${basename(full)}.fly-ref-arch-tmp`);
}

/** A temporary file beside the target, flushed, then renamed over it. */
function writeAtomic(root: string, path: string, content: string, mode: number, hooks: ApplyHooks): void {
  const full = resolveInside(root, path);
  const made = mkdirSync(dirname(full), { recursive: true });
  // A new folder is an entry of its parent: flushed like a rename, or a power cut could lose it
  // with every file in it after the journal is gone.
  if (made !== undefined) {
    for (let dir = dirname(full); dir !== dirname(made); dir = dirname(dir)) syncFolder(dirname(dir));
  }
  const temporary = temporaryFor(full);
  // A leftover temporary file (a killed run's, or one committed to the repository, maybe a symlink
  // to a file outside) is removed, and the new one is created, never opened through a link.
  failsWith(["ENOENT"], () => unlinkSync(temporary));
  const fd = openSync(
    temporary,
    constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
    mode,
  );
  try {
    writeSync(fd, content);
    // The umask must not decide the mode.
    fchmodSync(fd, mode);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  hooks.step?.();
  renameSync(temporary, full);
  hooks.step?.();
  syncFolder(dirname(full));
}

/** Removes a file and then the folders it leaves empty, up to the project root. */
function removeFile(root: string, path: string, hooks: ApplyHooks): void {
  const full = resolveInside(root, path);
  if (!failsWith(["ENOENT"], () => unlinkSync(full))) {
    syncFolder(dirname(full));
    hooks.step?.();
  }
  for (let dir = dirname(path); dir !== "." && dir !== ""; dir = dirname(dir)) {
    // A folder that still holds anything ends the walk up; one already gone (a retry) does not.
    if (existsSync(join(root, dir))) {
      if (failsWith(["ENOTEMPTY", "EEXIST"], () => rmdirSync(join(root, dir)))) return;
      hooks.step?.();
    }
  }
}

/** A rename or an unlink is durable once its folder is flushed: each step is, before the next one. */
function syncFolder(folder: string): void {
  const fd = openSync(folder, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
