/**
 * Writes a new project so that it appears whole or not at all: every file goes into a temporary
 * folder beside the target, which is then renamed into place. A failure or an interrupt removes the
 * temporary folder and leaves the target as it was.
 */
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { mkdir, readdir, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { inspectTarget } from "./target.js";
import type { Tree } from "./tree.js";

export async function writeNewProject(tree: Tree, target: string): Promise<void> {
  const parent = dirname(target);
  await mkdir(parent, { recursive: true });
  // Unique among running processes (the pid); no node:crypto import here (see manifest.ts).
  const unique = `${process.pid.toString(36)}${Date.now().toString(36)}`;
  const staging = join(parent, `.${basename(target)}.create-fly-ref-arch-${unique}`);
  const cleanUp = () => rm(staging, { recursive: true, force: true });
  const onSignal = (signal: NodeJS.Signals) => {
    void cleanUp().finally(() => process.kill(process.pid, signal));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    writeTree(tree, staging);
    await moveIntoPlace(staging, target);
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    await cleanUp();
  }
}

/**
 * Synchronous on purpose: a few dozen small files are written faster in one go than through a
 * promise and a thread-pool round trip each (bench/startup.ts), and nothing else runs meanwhile.
 */
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

/**
 * An absent target takes the staging folder by one rename. An existing (empty, or .git only)
 * target may be the user's working directory, which must not be replaced, so the top-level
 * entries move in one by one; if one fails, those already moved go back.
 */
async function moveIntoPlace(staging: string, target: string): Promise<void> {
  const state = inspectTarget(target);
  if (state.kind === "absent") {
    await rename(staging, target);
    return;
  }
  if (state.kind !== "usable") throw new Error(`${target} changed while the project was being written`);
  const moved: string[] = [];
  try {
    for (const entry of await readdir(staging)) {
      await rename(join(staging, entry), join(target, entry));
      moved.push(entry);
    }
  } catch (error) {
    for (const entry of moved) await rename(join(target, entry), join(staging, entry)).catch(() => undefined);
    throw error;
  }
}
