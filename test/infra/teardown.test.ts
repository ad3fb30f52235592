/**
 * scripts/teardown.sh against the fake flyctl, on a platform bootstrapped in production and
 * staging: tearing staging down leaves production as it was; production needs its own flag;
 * --dry-run and a refused confirmation destroy nothing; a run failed at any state-changing call,
 * run again, ends like an uninterrupted one; a second run finds nothing.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, describe as group, it } from "vitest";
import { writeNewProject } from "../../src/engine/write-new.js";
import type { PartialSpec } from "../../src/spec/resolve.js";
import { render } from "../helpers/render.js";
import { callKey, describe, emptyState, FakeFly, type FakeState, plannedKeys } from "./fake-fly.js";

/** See bootstrap.test.ts: budgets for many script runs on a loaded machine, not timing assertions. */
const RUNS_TIMEOUT_MS = 300_000;

const CASES: { name: string; spec: PartialSpec }[] = [
  {
    name: "postgres-upstash-worker-app",
    spec: { name: "acme", regions: ["iad", "lhr"], environments: { staging: {} } },
  },
  {
    name: "mpg-redis-app",
    spec: {
      name: "acme",
      regions: ["iad", "lhr"],
      database: { kind: "mpg" },
      cache: { kind: "redis-app" },
      worker: { kind: "process" },
      environments: { staging: {} },
    },
  },
];

const root = mkdtempSync(join(tmpdir(), "teardown-test-"));
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  FakeFly.removeAll();
});

type Platform = ReturnType<typeof describe>;
const isStaging = (name: string) => name.startsWith("acme-staging-");
const EMPTY = { apps: {}, mpg: [], redis: {}, tigris: [] };

/** The part of a platform named by `keep`: one environment's apps, clusters, caches and buckets. */
function part(platform: Platform, keep: (name: string) => boolean) {
  const pick = <T>(record: Record<string, T>) => Object.fromEntries(Object.entries(record).filter(([n]) => keep(n)));
  return {
    apps: pick(platform.apps),
    mpg: platform.mpg.filter((c) => keep(c.name)),
    redis: pick(platform.redis),
    tigris: platform.tigris.filter((b) => keep(b.app ?? "")),
  };
}

group.each(CASES)("teardown.sh: $name", ({ spec }) => {
  let repo: string;
  /** Production and staging, both bootstrapped. */
  let both: FakeState;
  let changes: string[];

  beforeAll(async () => {
    repo = join(mkdtempSync(join(root, "repo-")), "app");
    await writeNewProject(render(spec), repo);
    const fake = new FakeFly();
    expect((await fake.run(repo)).status).toBe(0);
    expect((await fake.run(repo, ["--env", "staging"])).status).toBe(0);
    both = fake.state();
    fake.remove();
  }, RUNS_TIMEOUT_MS);

  const teardown = (fake: FakeFly, args: string[], env: Record<string, string> = {}) =>
    fake.bash(repo, ["scripts/teardown.sh", ...args], env);

  it("destroys staging's apps, cluster and cache, and leaves production as it was", async () => {
    const fake = new FakeFly(both);
    const run = await teardown(fake, ["--env", "staging", "--yes"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const after = describe(fake.state());
    expect(part(after, isStaging)).toEqual(EMPTY);
    expect(part(after, (name) => !isStaging(name))).toEqual(part(describe(both), (name) => !isStaging(name)));
    // The fake keeps every call in its state: bootstrap's come first.
    changes = fake
      .changes()
      .slice(both.calls.filter((c) => c.mutating && !c.error).length)
      .map((c) => callKey(c.argv));
    expect(changes.every((k) => k.includes("acme-staging-") || k.startsWith("mpg destroy"))).toBe(true);
    expect(changes.filter((k) => k.startsWith("apps destroy")).length).toBeGreaterThan(0);
    expect(run.stdout).toContain("Destroyed: staging.");
  });

  it("finds nothing to destroy when run again", async () => {
    const fake = new FakeFly(both);
    expect((await teardown(fake, ["--env", "staging", "--yes"])).status).toBe(0);
    const attempts = fake.state().attempts;
    const again = await teardown(fake, ["--env", "staging", "--yes"]);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain("Nothing to destroy: Fly holds nothing of staging.");
    expect(fake.state().attempts).toBe(attempts);
  });

  it("--dry-run lists exactly what a real run destroys, and destroys nothing", async () => {
    const fake = new FakeFly(both);
    const dry = await teardown(fake, ["--env", "staging", "--dry-run"]);
    expect(dry.status).toBe(0);
    expect(plannedKeys(dry.stdout, "-")).toEqual(changes);
    expect(fake.state().attempts).toBe(both.attempts);
  });

  it("without --yes and without a terminal, lists what it would destroy and refuses with exit 2", async () => {
    const fake = new FakeFly(both);
    const run = await teardown(fake, ["--env", "staging"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("teardown: no terminal to ask in: run it again with --yes to destroy the above");
    expect(plannedKeys(run.stdout, "-")).toEqual(changes);
    expect(fake.state().attempts).toBe(both.attempts);
  });

  it("refuses production without --yes-destroy-production, before calling fly", async () => {
    const fake = new FakeFly(both);
    for (const args of [["--env", "production", "--yes"], ["--env=production"], []]) {
      const run = await teardown(fake, args);
      expect(run.status, args.join(" ")).toBe(2);
      expect(run.stderr).toMatch(
        /production is destroyed only with --env production --yes-destroy-production|--env <name> is required: one of production, staging/,
      );
    }
    const unknown = await teardown(fake, ["--env", "qa", "--yes"]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("unknown environment qa; allowed: production, staging");
    expect(fake.state().calls.length).toBe(both.calls.length);
  });

  it(
    "destroys production with the flag, and leaves staging as it was",
    async () => {
      const fake = new FakeFly(both);
      const run = await teardown(fake, ["--env", "production", "--yes-destroy-production", "--yes"]);
      expect(run.status, run.stderr).toBe(0);
      const after = describe(fake.state());
      expect(part(after, (name) => !isStaging(name))).toEqual(EMPTY);
      expect(part(after, isStaging)).toEqual(part(describe(both), isStaging));
    },
    RUNS_TIMEOUT_MS,
  );

  it(
    "ends in the same state when a run fails at any state-changing call and is run again",
    async () => {
      const uninterrupted = new FakeFly(both);
      expect((await teardown(uninterrupted, ["--env", "staging", "--yes"])).status).toBe(0);
      const complete = describe(uninterrupted.state());
      const results = await Promise.all(
        changes.map(async (_, index) => {
          const fake = new FakeFly(both);
          try {
            // The fake counts state-changing calls across runs: bootstrap's come first.
            const failed = await teardown(fake, ["--env", "staging", "--yes"], {
              FAKE_FLY_FAIL_AT: String(both.attempts + index + 1),
            });
            const rerun = await teardown(fake, ["--env", "staging", "--yes"]);
            return { k: index + 1, failed: failed.status !== 0, rerun: rerun.status, platform: describe(fake.state()) };
          } finally {
            fake.remove();
          }
        }),
      );
      for (const { k, failed, rerun, platform } of results) {
        expect({ k, failed, rerun, platform }).toEqual({ k, failed: true, rerun: 0, platform: complete });
      }
    },
    RUNS_TIMEOUT_MS,
  );

  it("--help says what it destroys, without calling fly", async () => {
    const fake = new FakeFly(emptyState(), "cli");
    const run = await teardown(fake, ["--help"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Usage: scripts\/teardown\.sh --env <name>/);
    expect(fake.state().calls).toEqual([]);
  });
});
