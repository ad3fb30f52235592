/**
 * Start-up and generation time of the built CLI against bare node and create-vite, measured side by
 * side (bench/measure.ts): medians of wall time, means of CPU time, each as a ratio to bare node.
 * `npm run bench:startup` (builds first). BENCH_ROUNDS=N sets the rounds (default 21);
 * BENCH_INSTRUCTIONS=1 also counts each subject's instructions once under valgrind (deterministic).
 *
 * Both generators run the same way: from a fresh empty folder (made and removed outside the timed
 * region) into a relative target, with stdout and stderr going nowhere a terminal would slow down.
 * Three more rows take the generation apart: our run with --dry-run (everything but the files), and
 * bench/write-files.mjs writing exactly the files each generator writes (the cost of the files alone).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  countInstructions,
  environmentNotes,
  filesUnder,
  formatInstructions,
  formatRow,
  type Subject,
  type Timing,
  timeSubjects,
} from "./measure.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CLI = join(ROOT, "dist/cli.js");
const CREATE_VITE = createRequire(import.meta.url).resolve("create-vite/index.js");
const WRITE_FILES = join(ROOT, "bench/write-files.mjs");
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 21);
const SEED = ["app", "--yes", "--no-install", "--no-git"];
// A relative target: create-vite 9.3 mangles absolute ones.
const VITE = ["app", "--template", "vanilla-ts", "--no-interactive", "--no-immediate"];

const inRoot = () => ROOT;
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
  const SUBJECTS: (Subject & { target?: { ratio: number; of: string } })[] = [
    { name: BARE, args: ["-e", ""], prepare: inRoot },
    {
      name: "create-fly-ref-arch --version",
      args: [CLI, "--version"],
      prepare: inRoot,
      target: { ratio: 1.2, of: BARE },
    },
    {
      name: "create-fly-ref-arch --yes (seed default)",
      args: [CLI, ...SEED],
      ...writing,
      target: { ratio: 1, of: "create-vite vanilla-ts" },
    },
    { name: "create-vite vanilla-ts", args: [CREATE_VITE, ...VITE], ...writing },
    { name: "  create-fly-ref-arch --yes --dry-run", args: [CLI, "app", "--yes", "--dry-run"], ...writing },
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

  if (process.env.BENCH_INSTRUCTIONS === "1") {
    const counts = countInstructions(SUBJECTS);
    if (!counts) console.log("BENCH_INSTRUCTIONS=1 needs valgrind (apt-get install valgrind)");
    else {
      const bareCount = counts.get(BARE) as number;
      console.log("user-space instructions, one run each under valgrind: millions, excess over bare node, ratio");
      for (const subject of SUBJECTS) {
        console.log(formatInstructions(subject.name, width, counts.get(subject.name) as number, bareCount));
      }
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
