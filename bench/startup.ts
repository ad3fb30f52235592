/**
 * Start-up and generation time of the built CLI against bare node and create-vite, measured side by
 * side: every round runs each command once, in rotating order, so machine noise hits all of them
 * alike; the medians are printed as ratios to bare node. `npm run bench:startup` (builds first).
 *
 * BENCH_ROUNDS=N sets the rounds (default 21).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CLI = join(ROOT, "dist/cli.js");
const CREATE_VITE = createRequire(import.meta.url).resolve("create-vite/index.js");
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 21);

interface Subject {
  name: string;
  args: string[];
  /** Runs in a fresh empty folder, since a generator refuses a non-empty target. */
  writes?: boolean;
  target?: { ratio: number; of: string };
}

const SUBJECTS: Subject[] = [
  { name: "node -e ''", args: ["-e", ""] },
  { name: "create-fly-ref-arch --version", args: [CLI, "--version"], target: { ratio: 1.2, of: "node -e ''" } },
  {
    name: "create-fly-ref-arch --yes (seed default)",
    args: [CLI, "app", "--yes", "--no-install", "--no-git"],
    writes: true,
    target: { ratio: 1, of: "create-vite vanilla-ts" },
  },
  {
    // A relative target: create-vite 9.3 mangles absolute ones.
    name: "create-vite vanilla-ts",
    args: [CREATE_VITE, "app", "--template", "vanilla-ts", "--no-interactive", "--no-immediate"],
    writes: true,
  },
];

function timeOnce(subject: Subject): number {
  const cwd = subject.writes ? mkdtempSync(join(tmpdir(), "fly-ref-arch-bench-")) : ROOT;
  const start = performance.now();
  const result = spawnSync(process.execPath, subject.args, { cwd, stdio: ["ignore", "ignore", "pipe"] });
  const elapsed = performance.now() - start;
  if (subject.writes) rmSync(cwd, { recursive: true, force: true });
  if (result.status !== 0) throw new Error(`${subject.name} exited ${result.status}: ${result.stderr}`);
  return elapsed;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const samples = new Map<string, number[]>(SUBJECTS.map((s) => [s.name, []]));
for (const subject of SUBJECTS) timeOnce(subject); // warm the file cache; not counted
for (let round = 0; round < ROUNDS; round++) {
  for (let i = 0; i < SUBJECTS.length; i++) {
    const subject = SUBJECTS[(round + i) % SUBJECTS.length] as Subject;
    samples.get(subject.name)?.push(timeOnce(subject));
  }
}

const medians = new Map([...samples].map(([name, times]) => [name, median(times)]));
const bare = medians.get("node -e ''") as number;
const width = Math.max(...SUBJECTS.map((s) => s.name.length));
console.log(`${ROUNDS} rounds, node ${process.version}; median ms and ratio to bare node`);
for (const subject of SUBJECTS) {
  const ms = medians.get(subject.name) as number;
  let verdict = "";
  if (subject.target) {
    const limit = subject.target.ratio * (medians.get(subject.target.of) as number);
    verdict = `  target ≤ ${subject.target.ratio}× ${subject.target.of}: ${ms <= limit ? "met" : "MISSED"}`;
  }
  console.log(`${subject.name.padEnd(width)}  ${ms.toFixed(1).padStart(6)} ms  ${(ms / bare).toFixed(2)}×${verdict}`);
}
