/**
 * Time of `regenerate` against a bare `node -e ''` start, measured side by side (bench/measure.ts):
 * medians of wall time, means of CPU time, each as a ratio to bare node. `npm run bench:regen`
 * (builds first). BENCH_ROUNDS=N (default 21).
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
import { environmentNotes, formatRow, type Subject, type Timing, timeSubjects } from "./measure.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CLI = join(ROOT, "dist/cli.js");
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 21);
const work = mkdtempSync(join(tmpdir(), "fly-ref-arch-bench-regen-"));

try {
  const created = spawnSync(process.execPath, [CLI, "fresh", "--yes", "--no-install", "--no-git"], {
    cwd: work,
    encoding: "utf8",
  });
  if (created.status !== 0) throw new Error(`create exited ${created.status}: ${created.stderr}`);
  const fresh = join(work, "fresh");
  const changed = join(work, "changed");
  cpSync(fresh, changed, { recursive: true });
  const spec = JSON.parse(readFileSync(join(changed, "fly-ref-arch.json"), "utf8"));
  spec.regions.push("syd");
  writeFileSync(join(changed, "fly-ref-arch.json"), `${JSON.stringify(spec, null, 2)}\n`);
  const flyToml = join(changed, "fly.toml");
  writeFileSync(flyToml, readFileSync(flyToml, "utf8").replace("[env]\n", '[env]\n  LOG_LEVEL = "debug"\n'));
  const scratch = join(work, "scratch");

  const BARE = "node -e ''";
  const SUBJECTS: Subject[] = [
    { name: BARE, args: ["-e", ""], prepare: () => work },
    { name: "regenerate (no-op)", args: [CLI, "regenerate"], prepare: () => fresh },
    {
      name: "regenerate (region add)",
      args: [CLI, "regenerate"],
      prepare: () => {
        rmSync(scratch, { recursive: true, force: true });
        cpSync(changed, scratch, { recursive: true });
        return scratch;
      },
    },
  ];

  for (const line of environmentNotes()) console.log(line);
  const timings = timeSubjects(SUBJECTS, ROUNDS);
  const bare = timings.get(BARE) as Timing;
  const width = Math.max(...SUBJECTS.map((s) => s.name.length));
  console.log(`${ROUNDS} rounds, node ${process.version}; median wall ms and mean CPU (user+sys) ms, each ÷ bare node`);
  for (const subject of SUBJECTS)
    console.log(formatRow(subject.name, width, timings.get(subject.name) as Timing, bare));
} finally {
  rmSync(work, { recursive: true, force: true });
}
