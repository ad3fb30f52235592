/**
 * npm packages installed once into node_modules/.cache and shared by every test file. Test files
 * run in parallel workers: one installs, the others wait for it; the install happens in a staging
 * folder renamed into place, so a killed run leaves nothing that looks installed.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { promisify } from "node:util";

const CACHE = resolve(import.meta.dirname, "../../node_modules/.cache");
/** Longer than any install takes here: a lock this old was left by a killed run. */
const STALE_LOCK_MS = 5 * 60_000;

/**
 * The folder whose node_modules holds `manifest`'s dependencies, installed on first use. Each
 * manifest gets its own folder (named by its hash) under node_modules/.cache/<name>/.
 */
export async function installOnce(name: string, manifest: Record<string, unknown>): Promise<string> {
  const text = `${JSON.stringify({ private: true, ...manifest }, null, 2)}\n`;
  const hash = createHash("sha256").update(text).digest("hex").slice(0, 16);
  const root = join(CACHE, name);
  const dir = join(root, hash);
  const installed = () => existsSync(join(dir, "node_modules"));
  if (installed()) return dir;

  await mkdir(root, { recursive: true });
  const lock = join(root, `${hash}.lock`);
  for (;;) {
    if (installed()) return dir;
    const owned = await mkdir(lock).then(
      () => true,
      () => false,
    );
    if (owned) break;
    const lockedAt = await stat(lock).then((s) => s.mtimeMs, Date.now);
    if (Date.now() - lockedAt > STALE_LOCK_MS) await rm(lock, { recursive: true, force: true });
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const staging = join(root, `${hash}.staging`);
  try {
    if (installed()) return dir;
    await rm(staging, { recursive: true, force: true });
    await mkdir(staging);
    await writeFile(join(staging, "package.json"), text);
    await promisify(execFile)("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], {
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
