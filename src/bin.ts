#!/usr/bin/env node
import { main } from "./cli/main.js";

process.exitCode = await main({
  argv: process.argv.slice(2),
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
