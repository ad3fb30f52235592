/**
 * SIGINT and SIGTERM at any moment of a create run: before, during and after the file writes, as
 * the install starts and during the git steps. strace delivers each signal at the Nth call of a
 * system call by node's main thread (`-e inject=openat:signal=SIGINT:when=N`), N picked by tracing a
 * run of the same command first. Without -f, only that thread is traced and counted: the file writes
 * are its own calls, while git's or npm's calls (which -f would count per process, and signal) are not.
 *
 * Each run must end as a shell sees an interrupted command end (130, 143) with the target exactly as
 * it was: absent stays absent, an empty folder stays empty, and no staging folder anywhere.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { constants } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { CLI, GIT_IDENTITY_ENV, PINNED_ENV } from "../helpers/cli.js"; // built once for every suite by test/global-setup.ts
import { listing, tempDirs } from "../helpers/tmp.js";

const tempDir = tempDirs();
type Shape = "no folder yet" | "an empty folder (create .)";
const SHAPES: Shape[] = ["no folder yet", "an empty folder (create .)"];
const SIGNALS = ["SIGINT", "SIGTERM"] as const;
const WITH_GIT = ["--yes", "--no-install"];
const WITH_INSTALL = ["--yes", "--no-git", "--package-manager", "npm"];

interface Run {
  /** The exit code a shell would show: 128 + the signal's number for a process killed by one. */
  code: number;
  stdout: string;
  stderr: string;
  /** Every line of the target's parent (the target itself included), after the run. */
  after: string[];
  before: string[];
}

function traced(shape: Shape, flags: string[], strace: string[]): Run {
  const parent = tempDir();
  let cwd = parent;
  let target = "app";
  if (shape !== "no folder yet") {
    cwd = join(parent, "app");
    mkdirSync(cwd);
    target = ".";
  }
  const before = listing(parent);
  const env = Object.fromEntries(
    Object.entries({ ...process.env, ...PINNED_ENV, ...GIT_IDENTITY_ENV }).filter(
      (entry): entry is [string, string] => entry[1] !== undefined,
    ),
  );
  const result = spawnSync("strace", [...strace, process.execPath, CLI, target, ...flags], {
    cwd,
    env,
    encoding: "utf8",
    timeout: 60_000,
  });
  if (result.error) throw result.error;
  const code = result.status ?? 128 + constants.signals[result.signal as NodeJS.Signals];
  return { code, stdout: result.stdout, stderr: result.stderr, before, after: listing(parent) };
}

/** The `when`-th call of `syscall` by node's main thread. */
interface Call {
  syscall: string;
  when: number;
}

interface Calls {
  writes: Call[];
  moves: Call[];
  spawns: Call[];
}

/**
 * The calls of an uninterrupted run, each with its system call and how many of that call came
 * before: the opens of the staged files, the renames that move them into place, and the calls that
 * start a process (git's steps: --version, rev-parse, init, add, commit).
 */
function callsOf(shape: Shape): Calls {
  const log = join(tempDir(), "calls");
  const run = traced(shape, WITH_GIT, ["-o", log, "-e", "trace=openat,/^rename,clone,clone3,fork,vfork"]);
  expect(run.code, run.stderr).toBe(0);
  const seen = new Map<string, number>();
  const calls: Calls = { writes: [], moves: [], spawns: [] };
  for (const line of readFileSync(log, "utf8").split("\n")) {
    const syscall = /^(\w+)\(/.exec(line)?.[1];
    if (!syscall) continue;
    const call = { syscall, when: (seen.get(syscall) ?? 0) + 1 };
    seen.set(syscall, call.when);
    if (syscall === "openat") {
      if (line.includes("create-fly-ref-arch-") && line.includes("O_CREAT")) calls.writes.push(call);
    } else if (syscall.startsWith("rename")) calls.moves.push(call);
    else if (!line.includes("CLONE_THREAD")) calls.spawns.push(call);
  }
  expect(calls.writes.length, "the staged files are opened by node's main thread").toBeGreaterThan(10);
  expect(calls.moves.length, "the moves into place are node's main thread's").toBeGreaterThan(0);
  expect(calls.spawns.length, "git's steps, each a process").toBeGreaterThan(2);
  return calls;
}

/** The call `fraction` of the way through `calls`: 0 the first, 1 the last. */
function along(calls: Call[], fraction: number): Call {
  return calls[Math.round((calls.length - 1) * fraction)] as Call;
}

const POINTS: [string, string[], (calls: Calls) => Call][] = [
  ["before the file writes", WITH_GIT, ({ writes }) => ({ syscall: "openat", when: along(writes, 0).when - 1 })],
  ["at the first file write", WITH_GIT, ({ writes }) => along(writes, 0)],
  ["half-way through the file writes", WITH_GIT, ({ writes }) => along(writes, 0.5)],
  ["at the last file write", WITH_GIT, ({ writes }) => along(writes, 1)],
  ["at the first move into place", WITH_GIT, ({ moves }) => along(moves, 0)],
  ["at the last move into place", WITH_GIT, ({ moves }) => along(moves, 1)],
  // The first process a run starts is git's or, with --no-git, npm's: the calls before it are the same.
  ["as npm install starts", WITH_INSTALL, ({ spawns }) => along(spawns, 0)],
  ["as git starts", WITH_GIT, ({ spawns }) => along(spawns, 0)],
  ["during a git step half-way", WITH_GIT, ({ spawns }) => along(spawns, 0.5)],
  ["during the last git step (commit)", WITH_GIT, ({ spawns }) => along(spawns, 1)],
];

describe.each(SHAPES)("a signal while create writes into %s", (shape) => {
  let calls: Calls;
  beforeAll(() => {
    calls = callsOf(shape);
  });

  it.each(SIGNALS.flatMap((signal) => POINTS.map((point) => [signal, ...point] as const)))(
    "%s %s: 128 + its number, and the target exactly as it was",
    (signal, _, flags, pick) => {
      const { syscall, when } = pick(calls);
      const run = traced(shape, flags, ["-o", "/dev/null", "-e", `inject=${syscall}:signal=${signal}:when=${when}`]);
      expect(run.code, `${syscall} #${when}: ${run.stderr}`).toBe(128 + constants.signals[signal]);
      expect(run.after, `${syscall} #${when}`).toEqual(run.before);
      if (flags === WITH_INSTALL) expect(run.stdout).toContain("Installing dependencies with npm");
    },
  );
});
