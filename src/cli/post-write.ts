/** After the files are in place: install dependencies and start a git history. Each is skippable. */
import { execa } from "execa";
import type { PackageManagerCommands } from "../spec/package-manager.js";

/** How many of a failed tool's last output lines are kept: its reason, without the whole log. */
const TAIL_LINES = 10;

/**
 * An install or git step that failed after the files were written: exit 1, the files kept. The
 * tail is as the tool printed it; whoever shows it escapes it. Defined here rather than in
 * errors.ts, and nothing shared is imported: a module this chunk shared with main and commands
 * would be split into a chunk of its own, one more file for every run to load (see commands.ts).
 */
export class StepFailure extends Error {
  constructor(
    /** The step as a person would type it ("npm install", "git commit"). */
    readonly step: string,
    readonly reason: string,
    /** The last lines the tool printed: its reason in its own words. */
    readonly tail: readonly string[],
  ) {
    super(`${step} failed: ${reason}`);
  }
}

/**
 * Runs a tool and resolves with its output, or rejects with a StepFailure. `cancel` stops the tool
 * (SIGTERM, then SIGKILL after execa's grace period); the promise settles only once it has exited,
 * so nothing writes into the folder after.
 */
async function run(dir: string, command: string, args: readonly string[], cancel: AbortSignal) {
  // stdout and stderr interleaved as the tool wrote them, so the tail reads as it would in a terminal.
  const result = await execa(command, args, {
    cwd: dir,
    stdio: ["ignore", "pipe", "pipe"],
    all: true,
    reject: false,
    cancelSignal: cancel,
  });
  if (!result.failed) return result;
  // "git commit", not every flag: the step, as the message names it.
  const step = [command, ...args.slice(0, 1)].join(" ");
  const reason =
    result.code === "ENOENT"
      ? `${command} is not installed (or not on PATH)`
      : result.signal
        ? `killed by ${result.signal}`
        : `exit code ${result.exitCode}`;
  const tail = String(result.all ?? "")
    .split(/\r?\n/)
    .filter((text) => text.trim() !== "")
    .slice(-TAIL_LINES);
  throw new StepFailure(step, reason, tail);
}

/** Takes the command rather than the package manager, so this chunk does not share the command table. */
export async function installDependencies(
  dir: string,
  install: PackageManagerCommands["install"],
  cancel: AbortSignal,
): Promise<void> {
  const [command, ...args] = install.split(" ") as [string, ...string[]];
  await run(dir, command, args, cancel);
}

export type GitOutcome = "committed" | "inside-repo" | "no-git" | "no-identity";

/**
 * A repository with one commit. Skipped inside an existing repository (the user's monorepo, or a
 * target that already had .git). Without a configured identity the files are staged and the user
 * is told to commit: we do not invent an author. Any other failure (a hook of the user's that
 * rejects the commit, say) is a StepFailure with git's own words. After `cancel`, the outcome
 * means nothing: the caller checks for the interrupt.
 */
export async function initGit(dir: string, cancel: AbortSignal): Promise<GitOutcome> {
  const git = (...args: string[]) => run(dir, "git", args, cancel);
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
  // Asked before committing, so a failed commit is never taken for a missing identity: git var
  // applies the rules commit does (user.useConfigOnly, an email it cannot guess) and fails alike.
  const identified = await Promise.all([git("var", "GIT_AUTHOR_IDENT"), git("var", "GIT_COMMITTER_IDENT")]).then(
    () => true,
    () => false,
  );
  if (!identified) return "no-identity";
  await git("commit", "--quiet", "--message", "Initial commit from create-fly-ref-arch");
  return "committed";
}
