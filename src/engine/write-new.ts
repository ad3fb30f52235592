/**
 * Writes a new project so that it appears whole or not at all, staged on the target's own file
 * system: the last step is then a rename, never a copy across file systems (EXDEV at a mount point),
 * and nothing outside an existing target has to be writable.
 *
 * - An absent target is staged beside it, in `.<name>.create-fly-ref-arch-<id>`, and appears by one
 *   rename: atomic. A crash (SIGKILL, power cut) leaves at most that hidden folder.
 * - An existing target (empty, or holding only entries a project never writes: `create .`, a mount
 *   point, a folder the user may write in a parent they may not) is staged inside itself, in
 *   `.create-fly-ref-arch-<id>`, whose top-level entries are then renamed into the target one by one.
 *   The folder itself is never replaced: it may be the user's working directory. Each rename is
 *   atomic, the set is not: a crash during the moves leaves some entries in place and the rest in the
 *   staging folder, which the next create lists as blocking instead of writing over it.
 *
 * A failure undoes what was done, and `remove()` takes the project out again after it was written
 * (an interrupt during the install or git steps): either way the target is left as it was, and an
 * absent one stays absent, with any parent folders made for it. Every undo step runs even when one
 * fails, and the failures are reported together with the cause.
 *
 * Synchronous inside on purpose: a few dozen small files are written faster in one go than through a
 * promise and a thread-pool round trip each (bench/startup.ts), and a signal cannot land between two
 * steps: the caller sees it after the whole write, and removes the project then.
 */
import { chmodSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { inspectTarget } from "./target.js";
import type { Tree } from "./tree.js";

export interface NewProject {
  /** Removes the project and whatever was added to the target since (node_modules, a new .git). */
  remove(): void;
}

export async function writeNewProject(tree: Tree, target: string): Promise<NewProject> {
  const state = inspectTarget(target);
  if (state.kind === "absent") return writeBeside(tree, target);
  if (state.kind === "usable") return writeInside(tree, target, state.existing);
  throw new Error(`${target} is no longer a new or empty folder`);
}

/** Unique among running processes (the pid); no node:crypto import here (see manifest.ts). */
function stagingName(): string {
  return `create-fly-ref-arch-${process.pid.toString(36)}${Date.now().toString(36)}`;
}

function writeBeside(tree: Tree, target: string): NewProject {
  const parent = dirname(target);
  // The outermost folder this run made, so that undoing removes it too: absent stays absent.
  const madeParent = mkdirSync(parent, { recursive: true });
  const staging = join(parent, `.${basename(target)}.${stagingName()}`);
  try {
    writeTree(tree, staging);
    renameSync(staging, target);
  } catch (cause) {
    undoAll([() => removeAll(madeParent ?? staging)], cause);
  }
  return { remove: () => undoAll([() => removeAll(madeParent ?? target)]) };
}

function writeInside(tree: Tree, target: string, existing: readonly string[]): NewProject {
  const name = `.${stagingName()}`;
  const staging = join(target, name);
  const moved: string[] = [];
  try {
    writeTree(tree, staging);
    // A rename replaces a file of the same name: anything that appeared meanwhile stops the move.
    const appeared = readdirSync(target).filter((entry) => entry !== name && !existing.includes(entry));
    if (appeared.length > 0) throw new Error(`${target} changed while the project was written: ${appeared.join(", ")}`);
    for (const entry of readdirSync(staging)) {
      renameSync(join(staging, entry), join(target, entry));
      moved.push(entry);
    }
    rmdirSync(staging);
  } catch (cause) {
    undoAll(
      [...moved.map((entry) => () => renameSync(join(target, entry), join(staging, entry))), () => removeAll(staging)],
      cause,
    );
  }
  return {
    remove: () =>
      undoAll(
        readdirSync(target)
          .filter((entry) => !existing.includes(entry))
          .map((entry) => () => removeAll(join(target, entry))),
      ),
  };
}

function removeAll(path: string): void {
  rmSync(path, { recursive: true, force: true });
}

/**
 * Runs every step, also after one fails. Then throws the cause, if there is one, alone when every
 * step succeeded; otherwise an AggregateError of the cause and every failure, whose one-line message
 * names them all (each names its paths: what was left where).
 */
function undoAll(steps: readonly (() => void)[], cause?: unknown): void {
  const failures: unknown[] = [];
  for (const step of steps) {
    try {
      step();
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length === 0) {
    if (cause !== undefined) throw cause;
    return;
  }
  const failed = failures.map(messageOf).join("; ");
  if (cause === undefined) throw new AggregateError(failures, `removing the new project failed: ${failed}`);
  throw new AggregateError([cause, ...failures], `${messageOf(cause)}; undoing it failed too: ${failed}`);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function writeTree(tree: Tree, root: string): void {
  const made = new Set([root]);
  mkdirSync(root);
  for (const [path, file] of tree.entries()) {
    const full = join(root, path);
    const dir = dirname(full);
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    // With the encoding given, node writes the string in one call (no Buffer copy, no JS open/write/close).
    writeFileSync(full, file.content, { encoding: "utf8", mode: file.mode });
    // The mode given to writeFileSync is narrowed by the umask; the tree's mode is what we mean.
    chmodSync(full, file.mode);
  }
}
