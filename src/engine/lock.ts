/**
 * One regenerate at a time in a project: two runs planning from the same files would each write
 * their plan over the other's and interleave their journals. The lock lives outside the project,
 * so a run that changes nothing leaves the project untouched (not even a folder's mtime) and a lock
 * is never committed.
 *
 * The system's temporary folder is shared with every other user, and any name in it is guessable,
 * so nothing is created there but one folder per user, `<tmpdir>/create-fly-ref-arch-<uid>/`, made
 * 0700 and checked on every run before use: a real folder (not a symlink), owned by this user, closed
 * to group and others, in a parent that is sticky or not writable by others (so nobody can rename it
 * away). Inside it no other user can plant, redirect or read anything. The lock is
 * `<hash of the project's real path>.lock` there, and appears whole or not at all: written to a
 * temporary file of a name no other run uses, created with O_EXCL|O_NOFOLLOW, then hard-linked into
 * place (the link fails when a lock exists).
 *
 * A lock is obeyed only while it is believable: a regular file owned by this user, whose holder
 * (pid, start time) is still running and started less than ten minutes ago, and not in the future.
 * Anything else is a killed run's or a planted lock, and is taken over: the journal already makes a
 * killed run's work resumable. A lock that cannot be read is obeyed for ten minutes from its mtime.
 */

import {
  closeSync,
  constants,
  fstatSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readSync,
  realpathSync,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { echo } from "../echo.js";
import { failsWith } from "./fails-with.js";
import { sha256 } from "./manifest.js";

export interface LockHolder {
  pid: number;
  since: string;
}

export class LockedError extends Error {}

/** The folder the locks live in cannot be used safely: exit 2, nothing written. */
export class LockFolderError extends Error {}

/** Far longer than a regenerate takes (it never waits for input): an older lock is a dead run's. */
const STALE_AFTER_MS = 10 * 60 * 1000;
/** Clocks of one machine agree; this only absorbs a small step of the system clock. */
const CLOCK_SLACK_MS = 60 * 1000;
/** The sticky bit: in such a folder only an entry's owner may rename or remove it. */
const STICKY = 0o1000;
/** A lock file is one line of JSON. */
const LOCK_MAX_BYTES = 1024;

const uid = (): number | undefined => process.getuid?.();

/** This user's folder of locks, in the system's temporary folder (not created here). */
export function lockFolder(): string {
  return join(tmpdir(), `create-fly-ref-arch-${uid() ?? "user"}`);
}

/** Where the lock of the project in `root` lives: per real path (as given while it is missing). */
export function lockPathFor(root: string): string {
  let real = root;
  try {
    real = realpathSync(root);
  } catch {
    // Missing: regenerate reports that, with or without the lock.
  }
  return join(lockFolder(), `${sha256(real).slice(0, 16)}.lock`);
}

/** Takes the project's lock, or throws LockedError naming the run that holds it; returns the release. */
export function acquireLock(root: string, self: LockHolder = currentProcess()): () => void {
  ensureLockFolder(lockFolder());
  const lock = lockPathFor(root);
  // Three tries: the holder may release, or another run take the lock, between two steps here.
  for (let attempt = 0; attempt < 3; attempt++) {
    const found = readLock(lock);
    if (found !== "gone") {
      if (believable(found)) throw lockedError(found.holder, lock);
      // Its run ended without releasing it, or it was never a run's. (Two runs clearing the same
      // stale lock at the same instant could both go on: the window is the microseconds between
      // this unlink and the link.)
      unlinkIfPresent(lock);
    }
    if (createWhole(lock, `${JSON.stringify(self)}\n`)) return () => unlinkIfPresent(lock);
  }
  const found = readLock(lock);
  throw lockedError(found === "gone" ? undefined : found.holder, lock);
}

function currentProcess(): LockHolder {
  return { pid: process.pid, since: new Date().toISOString() };
}

function lockedError(holder: LockHolder | undefined, lock: string): LockedError {
  const who = holder ? `pid ${holder.pid}, since ${echo(holder.since)}` : "an unreadable lock";
  return new LockedError(
    `another regenerate is running in this project (${who}); nothing written. ` +
      `If none is, remove ${echo(lock)} and run again.`,
  );
}

/** Makes this user's lock folder, or checks the one there; refuses one anybody else could touch. */
function ensureLockFolder(folder: string): void {
  const parent = dirname(folder);
  // TMPDIR names both: echoed, as any value we did not choose.
  const [shownParent, shownFolder] = [echo(parent), echo(folder)];
  const fix = "set TMPDIR to a folder of your own";
  try {
    mkdirSync(folder, { mode: 0o700 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") {
      throw new LockFolderError(`the temporary folder ${shownParent} does not exist; ${fix}`);
    }
    if (code !== "EEXIST") {
      throw new LockFolderError(`cannot create the lock folder ${shownFolder} (${code}); ${fix}`);
    }
  }
  const stats = lstatSync(folder);
  const problem = !stats.isDirectory()
    ? "is not a folder (a symlink or a file)"
    : stats.uid !== (uid() ?? stats.uid)
      ? `belongs to uid ${stats.uid}, not to you (uid ${uid()})`
      : (stats.mode & 0o077) !== 0
        ? `is open to others (mode ${(stats.mode & 0o777).toString(8)}; 700 is required)`
        : undefined;
  if (problem) throw new LockFolderError(`the lock folder ${shownFolder} ${problem}; remove it, or ${fix}`);
  const above = statSync(parent);
  if ((above.mode & 0o002) !== 0 && (above.mode & STICKY) === 0) {
    throw new LockFolderError(
      `${shownParent} is writable by everyone but not sticky: others could replace ${shownFolder}; ${fix}`,
    );
  }
}

/** Creates `path` holding `content`, whole (a new temporary file hard-linked into place); false when it exists. */
function createWhole(path: string, content: string): boolean {
  // Unique to this process and moment; nobody else can write here, and O_EXCL refuses a leftover.
  const temporary = `${path}.${process.pid}-${process.hrtime.bigint()}`;
  const fd = openSync(
    temporary,
    constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
    0o600,
  );
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

interface FoundLock {
  /** Undefined when the file cannot be read as a holder. */
  holder: LockHolder | undefined;
  ours: boolean;
  mtimeMs: number;
}

/** The lock at `lock`, never followed through a symlink; "gone" when there is none. */
function readLock(lock: string): FoundLock | "gone" {
  let fd: number;
  try {
    fd = openSync(lock, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return "gone";
    // A symlink (ELOOP) or something that cannot be opened is no lock of a run of ours.
    return { holder: undefined, ours: false, mtimeMs: 0 };
  }
  try {
    const stats = fstatSync(fd);
    const ours = stats.isFile() && stats.uid === (uid() ?? stats.uid);
    if (!ours) return { holder: undefined, ours, mtimeMs: stats.mtimeMs };
    const buffer = Buffer.alloc(LOCK_MAX_BYTES);
    const length = readSync(fd, buffer, 0, LOCK_MAX_BYTES, 0);
    return { holder: parseHolder(buffer.toString("utf8", 0, length)), ours, mtimeMs: stats.mtimeMs };
  } finally {
    closeSync(fd);
  }
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const { pid, since } = JSON.parse(text) as Partial<LockHolder>;
    const valid = Number.isSafeInteger(pid) && (pid as number) > 0 && typeof since === "string";
    return valid ? { pid: pid as number, since: since as string } : undefined;
  } catch {
    return undefined;
  }
}

function believable({ holder, ours, mtimeMs }: FoundLock): boolean {
  if (!ours) return false;
  if (holder && !isRunning(holder.pid)) return false;
  const started = holder ? Date.parse(holder.since) : mtimeMs;
  const now = Date.now();
  return Number.isFinite(started) && started <= now + CLOCK_SLACK_MS && now - started <= STALE_AFTER_MS;
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
