/**
 * Generated apps on disk, sharing one node_modules: the union of every dependency any spec can ask
 * for is installed once per version table (keyed by its hash) and symlinked into each app.
 */
import { execFile } from "node:child_process";
import { chmod, mkdir, mkdtemp, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { packagesOf } from "../../generators/component.js";
import { COMPONENTS } from "../../generators/index.js";
import type { Tree } from "../../src/engine/tree.js";
import { installOnce } from "../harness/install-once.js";

export const run = promisify(execFile);

/** The folder whose node_modules holds every dependency of every generated app; installs it on first use. */
export function sharedDependencies(): Promise<string> {
  return installOnce("fly-ref-arch-app-deps", {
    name: "fly-ref-arch-app-deps",
    type: "module",
    ...packagesOf(COMPONENTS),
  });
}

/** Writes a generated tree into `dir` with the shared node_modules linked in. */
export async function writeTree(tree: Tree, dir: string): Promise<void> {
  const deps = await sharedDependencies();
  for (const [path, file] of tree.entries()) {
    const dest = join(dir, path);
    await mkdir(dirname(dest), { recursive: true });
    await writeFile(dest, file.content);
    await chmod(dest, file.mode);
  }
  await symlink(join(deps, "node_modules"), join(dir, "node_modules"), "dir");
}

/** Writes a generated tree into a fresh temp folder, ready to build and run. */
export async function writeApp(tree: Tree, label: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `fly-ref-arch-${label}-`));
  await writeTree(tree, dir);
  return dir;
}

/** A binary of the shared dependencies, e.g. tsc or vitest. */
export async function bin(name: string): Promise<string> {
  return join(await sharedDependencies(), "node_modules", ".bin", name);
}
