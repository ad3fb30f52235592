/**
 * One regenerate at a time in a project: two runs planning from the same files would each write
 * their plan over the other's and interleave their journals. The lock is a file in the system's
 * temporary folder, named after the project's real path, so a run that changes nothing leaves the
 * project untouched (not even a folder's mtime) and a lock is never committed. It holds the
 * holder's pid and start time, and appears whole or not at all (a temporary file hard-linked into
 * place; the link fails when a lock exists). A lock whose process is gone (a killed run) is taken
 * over: the journal already makes that run's work resumable. So is one older than any run lasts,
 * whose pid may since have been given to another process.
 */
import { closeSync, linkSync, openSync, readFileSync, realpathSync, unlinkSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { failsWith } from "./fails-with.js";
import { sha256 } from "./manifest.js";

export interface LockHolder {
  pid: number;
  since: string;
}

export class LockedError extends Error {}

/** Far longer than a regenerate takes (it never waits for input): an older lock is a dead run's. */
const STALE_AFTER_MS = 10 * 60 * 1000;

/** Where the lock of the project in `root` lives: per user, per real path (as given while it is missing). */
export function lockPathFor(root: string): string {
  let real = root;
  try {
    real = realpathSync(root);
  } catch {
    // Missing: regenerate reports that, with or without the lock.
  }
  const project = sha256(real).slice(0, 16);
  return join(tmpdir(), `create-fly-ref-arch-${process.getuid?.() ?? "user"}-${project}.lock`);
}

/** Takes the project's lock, or throws LockedError naming the run that holds it; returns the release. */
export function acquireLock(root: string, self: LockHolder = currentProcess()): () => void {
  const lock = lockPathFor(root);
  // Three tries: the holder may release, or another run take the lock, between two steps here.
  for (let attempt = 0; attempt < 3; attempt++) {
    const holder = readHolder(lock);
    if (holder !== "gone") {
      if (!holder || (isRunning(holder.pid) && !isOld(holder))) throw lockedError(holder, lock);
      // Its run ended without releasing it. (Two runs clearing the same stale lock at the same
      // instant could both go on: the window is the microseconds between this unlink and the link.)
      unlinkIfPresent(lock);
    }
    if (createWhole(lock, `${JSON.stringify(self)}\n`, self.pid)) return () => unlinkIfPresent(lock);
  }
  const holder = readHolder(lock);
  throw lockedError(holder === "gone" ? undefined : holder, lock);
}

function currentProcess(): LockHolder {
  return { pid: process.pid, since: new Date().toISOString() };
}

function lockedError(holder: LockHolder | undefined, lock: string): LockedError {
  const who = holder ? `pid ${holder.pid}, since ${holder.since}` : "an unreadable lock";
  return new LockedError(
    `another regenerate is running in this project (${who}); nothing written. ` +
      `If none is, remove ${lock} and run again.`,
  );
}

/** Creates `path` holding `content`, whole (a temporary file hard-linked into place); false when it exists. */
function createWhole(path: string, content: string, pid: number): boolean {
  const temporary = `${path}.${pid}`;
  const fd = openSync(temporary, "w", 0o644);
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  try {
    return !failsWith(["EEXIST"], () => linkSync(temporary, path));
  } finally {
    unlinkIfPresent(temporary);
  }
}

/** The lock's holder; undefined when the file cannot be read as one, "gone" when there is none. */
function readHolder(lock: string): LockHolder | undefined | "gone" {
  let text: string;
  try {
    text = readFileSync(lock, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "gone";
    throw error;
  }
  try {
    const { pid, since } = JSON.parse(text) as Partial<LockHolder>;
    return typeof pid === "number" && typeof since === "string" ? { pid, since } : undefined;
  } catch {
    return undefined;
  }
}

function isOld(holder: LockHolder): boolean {
  return Date.now() - Date.parse(holder.since) > STALE_AFTER_MS;
}

/** Signal 0 checks that a process exists; EPERM means it exists but belongs to someone else. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function unlinkIfPresent(path: string): void {
  failsWith(["ENOENT"], () => unlinkSync(path));
}
