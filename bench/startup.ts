/**
 * Start-up and generation time of the built CLI against bare node and create-vite, measured side by
 * side (bench/measure.ts): medians of wall time, means of CPU time, each as a ratio to bare node.
 * `npm run bench:startup` (builds first). BENCH_ROUNDS=N sets the rounds (default 21).
 *
 * Both generators run the same way: from a fresh empty folder (made and removed outside the timed
 * region) into a relative target, with stdout and stderr going nowhere a terminal would slow down.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { formatRow, type Subject, type Timing, timeSubjects } from "./measure.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CLI = join(ROOT, "dist/cli.js");
const CREATE_VITE = createRequire(import.meta.url).resolve("create-vite/index.js");
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 21);

const inRoot = () => ROOT;
/** A generator refuses a non-empty target, so each of its runs gets a fresh empty folder. */
const writing = {
  prepare: () => mkdtempSync(join(tmpdir(), "fly-ref-arch-bench-")),
  cleanUp: (cwd: string) => rmSync(cwd, { recursive: true, force: true }),
};

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
    args: [CLI, "app", "--yes", "--no-install", "--no-git"],
    ...writing,
    target: { ratio: 1, of: "create-vite vanilla-ts" },
  },
  {
    // A relative target: create-vite 9.3 mangles absolute ones.
    name: "create-vite vanilla-ts",
    args: [CREATE_VITE, "app", "--template", "vanilla-ts", "--no-interactive", "--no-immediate"],
    ...writing,
  },
];

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
