/**
 * Generated apps on disk, sharing one node_modules: the union of every dependency any spec can ask
 * for is installed once per version table (keyed by its hash) and symlinked into each app.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, mkdir, mkdtemp, rename, rm, stat, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { promisify } from "node:util";
import { DEPENDENCY_VERSIONS, DEV_DEPENDENCY_VERSIONS } from "../../generators/versions.js";
import type { Tree } from "../../src/engine/tree.js";

export const run = promisify(execFile);

const CACHE_ROOT = resolve(import.meta.dirname, "../../node_modules/.cache/fly-ref-arch-app-deps");

/** The folder whose node_modules holds every dependency of every generated app; installs it on first use. */
export async function sharedDependencies(): Promise<string> {
  const manifest = {
    name: "fly-ref-arch-app-deps",
    private: true,
    type: "module",
    dependencies: DEPENDENCY_VERSIONS,
    devDependencies: DEV_DEPENDENCY_VERSIONS,
  };
  const text = `${JSON.stringify(manifest, null, 2)}\n`;
  const hash = createHash("sha256").update(text).digest("hex").slice(0, 16);
  const dir = join(CACHE_ROOT, hash);
  if (existsSync(join(dir, "node_modules"))) return dir;

  // Test files run in parallel workers: one installs, the others wait for it.
  await mkdir(CACHE_ROOT, { recursive: true });
  const lock = join(CACHE_ROOT, `${hash}.lock`);
  for (;;) {
    if (existsSync(join(dir, "node_modules"))) return dir;
    const owned = await mkdir(lock).then(
      () => true,
      () => false,
    );
    if (owned) break;
    // A lock older than any install is left by a killed run.
    const lockedAt = await stat(lock).then((s) => s.mtimeMs, Date.now);
    if (Date.now() - lockedAt > 5 * 60_000) await rm(lock, { recursive: true, force: true });
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const staging = join(CACHE_ROOT, `${hash}.staging`);
  try {
    if (existsSync(join(dir, "node_modules"))) return dir;
    await rm(staging, { recursive: true, force: true });
    await mkdir(staging);
    await writeFile(join(staging, "package.json"), text);
    await run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], {
      cwd: staging,
      maxBuffer: 16 * 1024 * 1024,
    });
    await rename(staging, dir);
  } finally {
    await rm(staging, { recursive: true, force: true });
    await rm(lock, { recursive: true, force: true });
  }
  return dir;
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
