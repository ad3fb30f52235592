#!/usr/bin/env node
import { main } from "./cli/main.js";

process.exitCode = await main({
  argv: process.argv.slice(2),
  env: process.env,
  cwd: process.cwd(),
  stdinIsTTY: process.stdin.isTTY === true,
  stdoutIsTTY: process.stdout.isTTY === true,
  stdout: process.stdout,
  stderr: process.stderr,
});
