#!/usr/bin/env node
/**
 * The published bin. `--version` alone is answered here, before the rest of the CLI loads, from the
 * version the build writes in (tsup.config.ts): version checks in scripts then cost hardly more than
 * node's own start. Run from source, the constant is absent and main answers as for any other flag.
 */
declare const __CREATE_FLY_REF_ARCH_VERSION__: string | undefined;

const argv = process.argv.slice(2);
const versionOnly = argv.length === 1 && (argv[0] === "--version" || argv[0] === "-v");

if (versionOnly && typeof __CREATE_FLY_REF_ARCH_VERSION__ === "string") {
  process.stdout.write(`${__CREATE_FLY_REF_ARCH_VERSION__}\n`);
} else {
  const { main, reportUnexpected } = await import("./cli/main.js");
  // Last resort for what main cannot catch (a throw in an event handler, a promise nobody awaits,
  // the folder we run in removed): the same one line as any unexpected error, exit 1.
  const lastResort = (error: unknown) => {
    reportUnexpected(error, process);
    process.exit(1);
  };
  process.on("uncaughtException", lastResort);
  process.on("unhandledRejection", lastResort);
  process.exitCode = await main({
    argv,
    env: process.env,
    cwd: process.cwd(),
    // Getters: the first read of process.stdin builds a stream (about 2 ms), which only a run that
    // may prompt needs to ask about.
    get stdinIsTTY() {
      return process.stdin.isTTY === true;
    },
    get stdoutIsTTY() {
      return process.stdout.isTTY === true;
    },
    stdout: process.stdout,
    stderr: process.stderr,
  });
}
