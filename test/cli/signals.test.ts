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

interface Point extends Call {
  label: string;
  flags: string[];
}

/**
 * The calls of an uninterrupted run, each with its system call and how many of that call came
 * before: the opens of the staged files, the renames that move them into place, and the calls that
 * start a process (git's five steps).
 */
function pointsOf(shape: Shape): Point[] {
  const log = join(tempDir(), "calls");
  const run = traced(shape, WITH_GIT, ["-o", log, "-e", "trace=openat,/^rename,clone,clone3,fork,vfork"]);
  expect(run.code, run.stderr).toBe(0);
  const seen = new Map<string, number>();
  const writes: Call[] = [];
  const moves: Call[] = [];
  const spawns: Call[] = [];
  for (const line of readFileSync(log, "utf8").split("\n")) {
    const syscall = /^(\w+)\(/.exec(line)?.[1];
    if (!syscall) continue;
    const call = { syscall, when: (seen.get(syscall) ?? 0) + 1 };
    seen.set(syscall, call.when);
    if (syscall === "openat") {
      if (line.includes("create-fly-ref-arch-") && line.includes("O_CREAT")) writes.push(call);
    } else if (syscall.startsWith("rename")) moves.push(call);
    else if (!line.includes("CLONE_THREAD")) spawns.push(call);
  }
  expect(writes.length, "the staged files are opened by node's main thread").toBeGreaterThan(10);
  expect(moves.length, "the moves into place are node's main thread's").toBeGreaterThan(0);
  expect(spawns.length, "git --version, rev-parse, init, add, commit").toBe(5);
  const [first, last] = [writes[0], writes.at(-1)] as [Call, Call];
  const [version, , init, , commit] = spawns as [Call, Call, Call, Call, Call];
  const point = (label: string, call: Call, flags = WITH_GIT) => ({ label, ...call, flags });
  return [
    point("before the file writes", { syscall: "openat", when: first.when - 1 }),
    point("at the first file write", first),
    point("half-way through the file writes", writes[Math.floor(writes.length / 2)] as Call),
    point("at the last file write", last),
    point("at the first move into place", moves[0] as Call),
    point("at the last move into place", moves.at(-1) as Call),
    // The first process a run starts is git's or, with --no-git, npm's: the calls before it are the same.
    point("as npm install starts", version, WITH_INSTALL),
    point("as git starts", version),
    point("during git init", init),
    point("during git commit", commit),
  ];
}

describe.each(SHAPES)("a signal while create writes into %s", (shape) => {
  let points: Point[] = [];
  beforeAll(() => {
    points = pointsOf(shape);
  });

  it.each(SIGNALS)("%s at any moment: 128 + its number, and the target exactly as it was", (signal) => {
    for (const point of points) {
      const run = traced(shape, point.flags, [
        "-o",
        "/dev/null",
        "-e",
        `inject=${point.syscall}:signal=${signal}:when=${point.when}`,
      ]);
      const what = `${signal} ${point.label} (${point.syscall} #${point.when}): ${run.stderr}`;
      expect(run.code, what).toBe(128 + constants.signals[signal]);
      expect(run.after, what).toEqual(run.before);
      if (point.flags === WITH_INSTALL) expect(run.stdout, what).toContain("Installing dependencies with npm");
    }
  });
});
