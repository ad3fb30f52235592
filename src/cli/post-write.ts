/** After the files are in place: install dependencies and start a git history. Each is skippable. */
import { execa } from "execa";
import type { PackageManagerCommands } from "../spec/package-manager.js";

/**
 * Takes the command rather than the package manager, so this chunk does not share the command table.
 * `cancel` stops the tool (SIGTERM, then SIGKILL after execa's grace period); the promise settles
 * only once it has exited, so nothing writes into the folder after.
 */
export async function installDependencies(
  dir: string,
  install: PackageManagerCommands["install"],
  cancel: AbortSignal,
): Promise<void> {
  const [command, ...args] = install.split(" ") as [string, ...string[]];
  await execa(command, args, { cwd: dir, stdio: ["ignore", "pipe", "pipe"], cancelSignal: cancel });
}

export type GitOutcome = "committed" | "inside-repo" | "no-git" | "no-identity";

/**
 * A repository with one commit. Skipped inside an existing repository (the user's monorepo, or a
 * target that already had .git). Without a configured identity the files are staged and the user
 * is told to commit: we do not invent an author. After `cancel`, the outcome means nothing: the
 * caller checks for the interrupt.
 */
export async function initGit(dir: string, cancel: AbortSignal): Promise<GitOutcome> {
  const git = (...args: string[]) =>
    execa("git", args, { cwd: dir, stdio: ["ignore", "pipe", "pipe"], cancelSignal: cancel });
  try {
    await execa("git", ["--version"], { cancelSignal: cancel });
  } catch {
    return "no-git";
  }
  const inside = await git("rev-parse", "--is-inside-work-tree").then(
    (r) => r.stdout.trim() === "true",
    () => false,
  );
  if (inside) return "inside-repo";
  await git("init", "--quiet");
  await git("add", "--all");
  try {
    await git("commit", "--quiet", "--message", "Initial commit from create-fly-ref-arch");
    return "committed";
  } catch {
    return "no-identity";
  }
}
