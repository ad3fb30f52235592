/**
 * Crash safety of the built CLI: regenerate is SIGKILLed after every single disk change it makes
 * (through the CREATE_FLY_REF_ARCH_CRASH_AFTER_STEPS seam), and also twice in a row at random
 * points; running it again must always end byte-identical to an uninterrupted run.
 */
import { cpSync, rmSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CRASH_AFTER_STEPS } from "../../src/cli/regenerate.js";
import { CLI } from "../helpers/cli.js"; // built once for every suite by test/global-setup.ts
import { contentOf, editFile, editSpec, generate, runCli, tempDir } from "./helpers.js";

const root = tempDir("crash");

afterAll(() => rmSync(root, { recursive: true, force: true }));

/**
 * One spec change that makes every kind of change: a region (README update), the worker becoming a
 * process group (fly.worker.toml deleted, fly.toml updated), a new port against the user's own port
 * edit (conflict), a user edit elsewhere (merge), a user-deleted Dockerfile (skipped).
 */
function startingPoint(): string {
  const dir = join(root, "start");
  generate(dir, { name: "acme", regions: ["iad", "lhr", "nrt"], worker: { kind: "app" } });
  editFile(dir, "fly.toml", 'NODE_ENV = "production"\n', 'NODE_ENV = "production"\n  LOG_LEVEL = "debug"\n');
  editFile(dir, "fly.toml", "internal_port = 3000", "internal_port = 8081");
  unlinkSync(join(dir, "Dockerfile"));
  editSpec(dir, (spec) => {
    spec.regions.push("syd");
    spec.worker.kind = "process";
    spec.web.port = 4000;
  });
  return dir;
}

/** Dozens of CLI runs: on a loaded 2-core machine they take far longer than vitest's default allows. */
const SPAWNS_TIMEOUT = 240_000;

let copies = 0;
function copy(from: string): string {
  const dir = join(root, `run-${copies++}`);
  cpSync(from, dir, { recursive: true });
  return dir;
}

function regenerate(dir: string, crashAfter?: number) {
  return runCli(CLI, ["regenerate"], dir, crashAfter ? { [CRASH_AFTER_STEPS]: String(crashAfter) } : {});
}

describe("regenerate killed with SIGKILL", () => {
  let start: string;
  let reference: Record<string, string>;
  let referenceCode: number | null;
  let steps = 0;

  beforeAll(() => {
    start = startingPoint();
    const dir = copy(start);
    const result = regenerate(dir);
    referenceCode = result.code;
    reference = contentOf(dir);
    expect(result.stdout).toMatch(/CONFLICT +fly\.toml/);
    expect(result.stdout).toMatch(/DELETE +fly\.worker\.toml/);
    expect(result.stdout).toMatch(/SKIP +Dockerfile/);
  });

  it(
    "after any one of its disk changes, a re-run ends byte-identical to an uninterrupted run",
    () => {
      expect(referenceCode).toBe(1);
      for (let n = 1; ; n++) {
        const dir = copy(start);
        const crashed = regenerate(dir, n);
        if (crashed.signal === null) break;
        expect(crashed.signal).toBe("SIGKILL");
        steps = n;
        const rerun = regenerate(dir);
        expect(contentOf(dir), `killed after step ${n}`).toEqual(reference);
        // The conflict is still reported by the run that finishes the work.
        expect(rerun.code, `killed after step ${n}: ${rerun.stdout}${rerun.stderr}`).toBe(referenceCode);
        rmSync(dir, { recursive: true });
      }
      // Journal, four files, base store, manifest, journal removal: well over a dozen kill points.
      expect(steps).toBeGreaterThan(12);
    },
    SPAWNS_TIMEOUT,
  );

  it("killed before its journal was in place, then the spec change undone: the re-run leaves no trace", () => {
    const dir = copy(start);
    expect(regenerate(dir, 1).signal).toBe("SIGKILL");
    editSpec(dir, (s) => {
      s.regions.pop();
      s.worker.kind = "app";
      s.web.port = 3000;
    });
    const before = contentOf(dir);
    const leftover = ".fly-ref-arch/.journal.json.fly-ref-arch-tmp";
    expect(before).toHaveProperty([leftover]);
    delete before[leftover];

    expect(regenerate(dir)).toMatchObject({ code: 0 });
    expect(contentOf(dir)).toEqual(before);
  });

  it(
    "killed twice in a row at random points, the third run still ends byte-identical",
    () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 30 }), (first, second) => {
          const dir = copy(start);
          regenerate(dir, first);
          regenerate(dir, second);
          regenerate(dir);
          expect(contentOf(dir)).toEqual(reference);
          rmSync(dir, { recursive: true });
        }),
        { numRuns: 8 },
      );
    },
    SPAWNS_TIMEOUT,
  );
});
