/**
 * Time of `regenerate` against a bare `node -e ''` start, measured side by side: every round runs
 * each subject once, in rotating order, so machine noise hits all of them alike; medians are printed
 * with their ratio to bare node. `npm run bench:regen` (builds first). BENCH_ROUNDS=N (default 21).
 *
 * - no-op: a freshly created project, spec unchanged (reads, renders, hashes; writes nothing);
 * - region add: the same project with "syd" added to the spec and an edited fly.toml, restored
 *   before each run (the copy is not timed).
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CLI = join(ROOT, "dist/cli.js");
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 21);
const work = mkdtempSync(join(tmpdir(), "fly-ref-arch-bench-regen-"));

function run(args: string[], cwd: string): void {
  const result = spawnSync(process.execPath, args, { cwd, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
  if (result.status !== 0) throw new Error(`node ${args.join(" ")} exited ${result.status}: ${result.stderr}`);
}

run([CLI, "fresh", "--yes", "--no-install", "--no-git"], work);
const fresh = join(work, "fresh");
const changed = join(work, "changed");
cpSync(fresh, changed, { recursive: true });
const spec = JSON.parse(readFileSync(join(changed, "fly-ref-arch.json"), "utf8"));
spec.regions.push("syd");
writeFileSync(join(changed, "fly-ref-arch.json"), `${JSON.stringify(spec, null, 2)}\n`);
const flyToml = join(changed, "fly.toml");
writeFileSync(flyToml, readFileSync(flyToml, "utf8").replace("[env]\n", '[env]\n  LOG_LEVEL = "debug"\n'));
const scratch = join(work, "scratch");

interface Subject {
  name: string;
  args: string[];
  cwd: string;
  /** Untimed preparation before each run. */
  prepare?: () => void;
}

const SUBJECTS: Subject[] = [
  { name: "node -e ''", args: ["-e", ""], cwd: work },
  { name: "regenerate (no-op)", args: [CLI, "regenerate"], cwd: fresh },
  {
    name: "regenerate (region add)",
    args: [CLI, "regenerate"],
    cwd: scratch,
    prepare: () => {
      rmSync(scratch, { recursive: true, force: true });
      cpSync(changed, scratch, { recursive: true });
    },
  },
];

function timeOnce(subject: Subject): number {
  subject.prepare?.();
  const start = performance.now();
  run(subject.args, subject.cwd);
  return performance.now() - start;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

try {
  const samples = new Map<string, number[]>(SUBJECTS.map((s) => [s.name, []]));
  for (const subject of SUBJECTS) timeOnce(subject); // warm the file cache; not counted
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < SUBJECTS.length; i++) {
      const subject = SUBJECTS[(round + i) % SUBJECTS.length] as Subject;
      samples.get(subject.name)?.push(timeOnce(subject));
    }
  }
  const bare = median(samples.get("node -e ''") as number[]);
  const width = Math.max(...SUBJECTS.map((s) => s.name.length));
  console.log(`${ROUNDS} rounds, node ${process.version}; median ms and ratio to bare node`);
  for (const subject of SUBJECTS) {
    const ms = median(samples.get(subject.name) as number[]);
    console.log(`${subject.name.padEnd(width)}  ${ms.toFixed(1).padStart(7)} ms  ${(ms / bare).toFixed(2)}×`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
