/** Runs the built CLI (dist/cli.js, built once by test/global-setup.ts) as a separate process. */
import { fileURLToPath } from "node:url";
import { execa } from "execa";

export const CLI = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));

/**
 * The parts of the environment that change the CLI's behaviour, pinned so a test does not depend on
 * how it was started: `npm test` sets npm_config_user_agent, a CI machine sets CI, and the
 * machine's git config would supply an identity. Undefined removes a variable.
 */
export const PINNED_ENV: Record<string, string | undefined> = {
  CI: undefined,
  npm_config_user_agent: undefined,
  GIT_CONFIG_GLOBAL: "/dev/null",
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_AUTHOR_NAME: undefined,
  GIT_AUTHOR_EMAIL: undefined,
  GIT_COMMITTER_NAME: undefined,
  GIT_COMMITTER_EMAIL: undefined,
  NO_COLOR: "1",
};

/** A git identity given the way CI systems give it: through the environment only. */
export const GIT_IDENTITY_ENV = {
  GIT_AUTHOR_NAME: "Test Author",
  GIT_AUTHOR_EMAIL: "author@example.com",
  GIT_COMMITTER_NAME: "Test Author",
  GIT_COMMITTER_EMAIL: "author@example.com",
};

export interface CliRun {
  exitCode: number | undefined;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  ms: number;
}

export interface CliOptions {
  cwd: string;
  env?: Record<string, string | undefined>;
  /** A hang fails the test instead of stalling the suite. */
  timeout?: number;
}

export async function runCli(
  args: readonly string[],
  { cwd, env = {}, timeout = 15_000 }: CliOptions,
): Promise<CliRun> {
  const started = performance.now();
  // stdin stays an open pipe: a CLI that wrongly waited for input would hang here and time out.
  const result = await execa(process.execPath, [CLI, ...args], {
    cwd,
    env: { ...PINNED_ENV, ...env },
    reject: false,
    timeout,
  });
  return {
    exitCode: result.exitCode,
    stdout: result.stdout,
    stderr: result.stderr,
    timedOut: result.timedOut,
    ms: performance.now() - started,
  };
}
