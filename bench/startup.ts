/**
 * Start-up and generation time of the built CLI against bare node and create-vite, measured side by
 * side (bench/measure.ts): medians of wall time, means of CPU time, each as a ratio to bare node.
 * `npm run bench:startup` (builds first). BENCH_ROUNDS=N sets the rounds (default 21);
 * BENCH_INSTRUCTIONS=1 also counts each subject's instructions under valgrind (the median of three runs
 * with fixed seeds: repeatable to 0.1%).
 *
 * Both generators run the same way: from a fresh empty folder (made and removed outside the timed
 * region) into a relative target, with stdout and stderr going nowhere a terminal would slow down.
 * Three more rows take the generation apart: our run with --dry-run (everything but the files), and
 * bench/write-files.mjs writing exactly the files each generator writes (the cost of the files alone).
 *
 * BENCH_COMPARE=<path to another build's dist/cli.js> (an older commit's, say) runs each of our CLI
 * rows (--help, --version, --yes, --yes --dry-run) for that build too, interleaved with ours in the
 * same rounds so load hits both alike, and prints ours ÷ compared for the wall median, the CPU mean
 * and, with BENCH_INSTRUCTIONS=1, the instruction count: below 1 is ours faster.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  countInstructions,
  environmentNotes,
  filesUnder,
  formatInstructions,
  formatRow,
  INSTRUCTION_RUNS,
  type Subject,
  type Timing,
  timeSubjects,
} from "./measure.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CLI = join(ROOT, "dist/cli.js");
const CREATE_VITE = createRequire(import.meta.url).resolve("create-vite/index.js");
const WRITE_FILES = join(ROOT, "bench/write-files.mjs");
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 21);
const COMPARE = process.env.BENCH_COMPARE ? resolve(process.env.BENCH_COMPARE) : undefined;
const SEED = ["app", "--yes", "--no-install", "--no-git"];
// A relative target: create-vite 9.3 mangles absolute ones.
const VITE = ["app", "--template", "vanilla-ts", "--no-interactive", "--no-immediate"];

const inRoot = () => ROOT;
type Target = { ratio: number; of: string };
/** A generator refuses a non-empty target, so each of its runs gets a fresh empty folder. */
const writing = {
  prepare: () => mkdtempSync(join(tmpdir(), "fly-ref-arch-bench-")),
  cleanUp: (cwd: string) => rmSync(cwd, { recursive: true, force: true }),
};

const work = mkdtempSync(join(tmpdir(), "fly-ref-arch-bench-"));

/** What a generator writes, run once untimed, as the list bench/write-files.mjs writes. */
function filesWrittenBy(name: string, args: string[]): { list: string; count: number } {
  const cwd = mkdtempSync(join(work, `${name}-`));
  const result = spawnSync(process.execPath, args, { cwd, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${name} exited ${result.status}: ${result.stderr}`);
  const files = filesUnder(join(cwd, "app"));
  const list = join(work, `${name}.json`);
  writeFileSync(list, JSON.stringify(files));
  return { list, count: files.length };
}

try {
  const ours = filesWrittenBy("ours", [CLI, ...SEED]);
  const vite = filesWrittenBy("create-vite", [CREATE_VITE, ...VITE]);

  const BARE = "node -e ''";
  /** Our CLI's rows: each is run for the compared build too when BENCH_COMPARE is set. */
  const cliRows: (Subject & { target?: Target })[] = [
    { name: "create-fly-ref-arch --help", args: ["--help"], prepare: inRoot },
    { name: "create-fly-ref-arch --version", args: ["--version"], prepare: inRoot, target: { ratio: 1.2, of: BARE } },
    {
      name: "create-fly-ref-arch --yes (seed default)",
      args: SEED,
      ...writing,
      target: { ratio: 1, of: "create-vite vanilla-ts" },
    },
    { name: "  create-fly-ref-arch --yes --dry-run", args: ["app", "--yes", "--dry-run"], ...writing },
  ];
  const compared = (name: string) => `${name} [compared]`;
  const SUBJECTS: (Subject & { target?: Target })[] = [
    { name: BARE, args: ["-e", ""], prepare: inRoot },
    ...cliRows.flatMap((row) => [
      { ...row, args: [CLI, ...row.args] },
      ...(COMPARE ? [{ ...row, name: compared(row.name), args: [COMPARE, ...row.args], target: undefined }] : []),
    ]),
    { name: "create-vite vanilla-ts", args: [CREATE_VITE, ...VITE], ...writing },
    { name: `  node writes our ${ours.count} files`, args: [WRITE_FILES, ours.list, "app"], ...writing },
    { name: `  node writes create-vite's ${vite.count} files`, args: [WRITE_FILES, vite.list, "app"], ...writing },
  ];

  for (const line of environmentNotes()) console.log(line);
  const timings = timeSubjects(SUBJECTS, ROUNDS);
  const bare = timings.get(BARE) as Timing;
  const width = Math.max(...SUBJECTS.map((s) => s.name.length));
  console.log(`${ROUNDS} rounds, node ${process.version}; median wall ms and mean CPU (user+sys) ms, each ÷ bare node`);
  for (const subject of SUBJECTS) {
    const timing = timings.get(subject.name) as Timing;
    const target = subject.target;
    let verdict = "";
    if (target) {
      const of = timings.get(target.of) as Timing;
      const met = (a: number | undefined, b: number | undefined) =>
        a === undefined || b === undefined ? "?" : a <= target.ratio * b ? "met" : "MISSED";
      verdict = `  target ≤ ${target.ratio}× ${target.of}: wall ${met(timing.wall, of.wall)}, cpu ${met(timing.cpu, of.cpu)}`;
    }
    console.log(formatRow(subject.name, width, timing, bare) + verdict);
  }

  let instructions: Map<string, number> | undefined;
  if (process.env.BENCH_INSTRUCTIONS === "1") {
    const counts = countInstructions(SUBJECTS);
    if (!counts) console.log("BENCH_INSTRUCTIONS=1 needs valgrind (apt-get install valgrind)");
    else {
      const bareCount = counts.get(BARE) as number;
      console.log(
        `user-space instructions under valgrind, median of ${INSTRUCTION_RUNS} runs: millions, excess over bare node, ratio`,
      );
      for (const subject of SUBJECTS) {
        console.log(formatInstructions(subject.name, width, counts.get(subject.name) as number, bareCount));
      }
    }
    instructions = counts;
  }

  if (COMPARE) {
    console.log(`ours ÷ compared (${COMPARE}): wall median, CPU mean${instructions ? ", instructions" : ""}`);
    const ratio = (a: number | undefined, b: number | undefined) =>
      a === undefined || b === undefined ? "    ?" : (a / b).toFixed(3);
    for (const row of cliRows) {
      const a = timings.get(row.name) as Timing;
      const b = timings.get(compared(row.name)) as Timing;
      const counted = instructions
        ? `   instructions ${ratio(instructions.get(row.name), instructions.get(compared(row.name)))}`
        : "";
      console.log(`${row.name.padEnd(width)}  wall ${ratio(a.wall, b.wall)}   cpu ${ratio(a.cpu, b.cpu)}${counted}`);
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
