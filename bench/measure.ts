/**
 * Side-by-side timing of commands, shared by the benches: every round runs each subject once, in
 * rotating order, so machine noise hits all of them alike. Wall time is noisy when other work
 * shares the machine; the CPU time a run used (user + sys) is much less so, and is printed beside it.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

export interface Subject {
  name: string;
  args: string[];
  /** Untimed: prepares a run and returns its working folder. */
  prepare: () => string;
  /** Untimed: cleans up after a run. */
  cleanUp?: (cwd: string) => void;
}

export interface Timing {
  /** Median wall time of a run, ms. */
  wall: number;
  /** Mean user + sys CPU time of a run, ms; undefined where /proc is missing. */
  cpu: number | undefined;
}

const TICK_MS = 10; // USER_HZ is 100 on Linux

/**
 * CPU time of this process's waited-for children so far (/proc/self/stat cutime + cstime). Counted
 * in 10 ms ticks, but cumulative: the difference over one run is off by under a tick either way,
 * so the mean over many runs is exact enough.
 */
function childrenCpuMs(): number | undefined {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    // Fields after the parenthesised command name; cutime and cstime are fields 16 and 17.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[13]) + Number(fields[14])) * TICK_MS;
  } catch {
    return undefined;
  }
}

function runOnce(subject: Subject): { wall: number; cpu: number | undefined } {
  const cwd = subject.prepare();
  const cpuBefore = childrenCpuMs();
  const start = performance.now();
  const result = spawnSync(process.execPath, subject.args, { cwd, stdio: ["ignore", "ignore", "pipe"] });
  const wall = performance.now() - start;
  const cpuAfter = childrenCpuMs();
  subject.cleanUp?.(cwd);
  if (result.status !== 0) throw new Error(`${subject.name} exited ${result.status}: ${result.stderr}`);
  return { wall, cpu: cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Times every subject `rounds` times, after one untimed warm-up run each (the file cache). */
export function timeSubjects(subjects: readonly Subject[], rounds: number): Map<string, Timing> {
  const walls = new Map<string, number[]>(subjects.map((s) => [s.name, []]));
  const cpus = new Map<string, number[]>(subjects.map((s) => [s.name, []]));
  for (const subject of subjects) runOnce(subject);
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < subjects.length; i++) {
      const subject = subjects[(round + i) % subjects.length] as Subject;
      const { wall, cpu } = runOnce(subject);
      walls.get(subject.name)?.push(wall);
      if (cpu !== undefined) cpus.get(subject.name)?.push(cpu);
    }
  }
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  return new Map(
    subjects.map((s) => {
      const cpu = cpus.get(s.name) as number[];
      return [s.name, { wall: median(walls.get(s.name) as number[]), cpu: cpu.length ? mean(cpu) : undefined }];
    }),
  );
}

/** One line per subject: median wall ms, its ratio to `bare`, and mean CPU ms with its ratio. */
export function formatRow(name: string, width: number, timing: Timing, bare: Timing): string {
  const wall = `${timing.wall.toFixed(1).padStart(6)} ms  ${(timing.wall / bare.wall).toFixed(2)}×`;
  const cpu =
    timing.cpu === undefined || bare.cpu === undefined
      ? ""
      : `   cpu ${timing.cpu.toFixed(1).padStart(6)} ms  ${(timing.cpu / bare.cpu).toFixed(2)}×`;
  return `${name.padEnd(width)}  ${wall}${cpu}`;
}

/**
 * User-space instructions of each subject, counted by valgrind's callgrind (about 50 times slower
 * than a plain run): the median of INSTRUCTION_RUNS runs, each from a fresh folder. Node runs with
 * fixed hash and random seeds, without which one run differs from the next by up to 2% (the seeds
 * change how its hash tables fill); with them, by under 0.1%, whatever else the machine is doing,
 * so the count shows changes that wall time hides in noise. A fixed hash seed makes V8 rehash its
 * startup snapshot, about 50 M instructions more for every subject, bare node included. Work done
 * in the kernel (creating files) is not counted. Undefined when valgrind is not installed.
 */
export function countInstructions(subjects: readonly Subject[]): Map<string, number> | undefined {
  if (spawnSync("valgrind", ["--version"]).error) return undefined;
  const counts = new Map<string, number>();
  for (const subject of subjects) {
    const runs = Array.from({ length: INSTRUCTION_RUNS }, () => countOnce(subject));
    counts.set(subject.name, runs.sort((a, b) => a - b)[Math.floor(runs.length / 2)] as number);
  }
  return counts;
}

export const INSTRUCTION_RUNS = 3;

function countOnce(subject: Subject): number {
  const cwd = subject.prepare();
  try {
    const result = spawnSync(
      "valgrind",
      [
        "--tool=callgrind",
        "--callgrind-out-file=/dev/null",
        process.execPath,
        "--hash-seed=1",
        "--random-seed=1",
        ...subject.args,
      ],
      { cwd, encoding: "utf8", stdio: ["ignore", "ignore", "pipe"] },
    );
    const collected = /Collected : (\d+)/.exec(result.stderr)?.[1];
    if (result.status !== 0 || collected === undefined) {
      throw new Error(`${subject.name} under valgrind exited ${result.status}: ${result.stderr.slice(-2000)}`);
    }
    return Number(collected);
  } finally {
    subject.cleanUp?.(cwd);
  }
}

/** One line per subject: millions of instructions, the excess over `bare`, and the ratio to `bare`. */
export function formatInstructions(name: string, width: number, count: number, bare: number): string {
  const millions = (n: number) => `${(n / 1e6).toFixed(0).padStart(5)} M`;
  return `${name.padEnd(width)}  ${millions(count)}  +${millions(count - bare)
    .trim()
    .padStart(7)}  ${(count / bare).toFixed(2)}×`;
}

/**
 * Node parses every certificate in NODE_EXTRA_CA_CERTS at each start, before any script runs: with
 * a system bundle there (as on the machines this project is built on) that is most of a bare start,
 * so every ratio to bare node shrinks. Said once at the top of a bench's output.
 */
export function environmentNotes(env: NodeJS.ProcessEnv = process.env): string[] {
  if (!env.NODE_EXTRA_CA_CERTS) return [];
  return [
    `NODE_EXTRA_CA_CERTS is set (${env.NODE_EXTRA_CA_CERTS}): every node start below parses it, bare node too,`,
    "which shrinks each ratio; `env -u NODE_EXTRA_CA_CERTS npm run bench:…` measures as on a machine without it.",
  ];
}

/** Every file under `root` as { path, content, mode }, for bench/write-files.mjs. */
export function filesUnder(root: string): { path: string; content: string; mode: number }[] {
  return readdirSync(root, { recursive: true, encoding: "utf8" }).flatMap((path) => {
    const full = join(root, path);
    const stats = statSync(full);
    return stats.isFile() ? [{ path, content: readFileSync(full, "utf8"), mode: stats.mode & 0o777 }] : [];
  });
}
