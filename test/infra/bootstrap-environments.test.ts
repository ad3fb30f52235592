/**
 * scripts/bootstrap.sh --env against the fake flyctl: a staging bootstrap creates only staging's
 * apps, from staging's fly configs; a second run changes nothing; a run failed at any
 * state-changing call and run again ends like an uninterrupted one; production bootstraps on its
 * own, and neither touches the other.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, describe as group, it } from "vitest";
import { appNames } from "../../generators/base/spec.js";
import { environmentPath } from "../../generators/environments/configs.js";
import { environmentsOf } from "../../generators/environments/environments.js";
import { GENERATORS } from "../../generators/index.js";
import { writeNewProject } from "../../src/engine/write-new.js";
import type { PartialSpec } from "../../src/spec/resolve.js";
import { render, specFrom } from "../helpers/render.js";
import { callKey, describe, emptyState, FakeFly, plannedKeys, secretValues } from "./fake-fly.js";

/** See bootstrap.test.ts: budgets for many bootstrap runs on a loaded machine, not timing assertions. */
const RESUME_TIMEOUT_MS = 300_000;
const RUNS_TIMEOUT_MS = 180_000;

const ANSWERS: PartialSpec = { name: "acme", regions: ["iad", "lhr"], environments: { staging: {} } };
const spec = specFrom(ANSWERS);
const staging = environmentsOf(spec)[1]?.spec;
if (!staging) throw new Error("the spec has no staging environment");
const stagingApps = appNames(staging);

const root = mkdtempSync(join(tmpdir(), "bootstrap-env-test-"));
let repo: string;

beforeAll(async () => {
  repo = join(root, "app");
  await writeNewProject(render(ANSWERS), repo);
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  FakeFly.removeAll();
});

type Platform = ReturnType<typeof describe>;

/** The part of a platform whose names start with `prefix`: one environment's apps, databases and caches. */
function part(platform: Platform, keep: (name: string) => boolean) {
  const pick = <T>(record: Record<string, T>) => Object.fromEntries(Object.entries(record).filter(([n]) => keep(n)));
  return {
    apps: pick(platform.apps),
    mpg: platform.mpg.filter((c) => keep(c.name)),
    redis: pick(platform.redis),
    tigris: platform.tigris.filter((b) => keep(b.app ?? "")),
  };
}
const isStaging = (name: string) => name.startsWith("acme-staging-");

group("bootstrap.sh --env staging", () => {
  let complete: Platform;
  let changes: string[];

  it("creates staging's apps alone, as staging's spec says, from staging's configs", async () => {
    const fake = new FakeFly();
    const run = await fake.run(repo, ["--env", "staging"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const state = fake.state();
    complete = describe(state);
    changes = fake.changes().map((c) => callKey(c.argv));
    for (const value of secretValues(state)) expect(run.output).not.toContain(value);

    expect(part(complete, (name) => !isStaging(name))).toEqual({ apps: {}, mpg: [], redis: {}, tigris: [] });
    expect(Object.keys(complete.apps).sort()).toEqual([stagingApps.db, stagingApps.web, stagingApps.worker].sort());
    expect(complete.apps[stagingApps.web]?.machines).toEqual(["app@iad"]);
    expect(complete.apps[stagingApps.worker]?.machines).toEqual(["worker@iad"]);
    // One member, no replicas: what staging leaves out.
    expect(complete.apps[stagingApps.db]?.machines).toEqual(["app@iad:primary"]);
    expect(complete.apps[stagingApps.web]?.secrets).toEqual(["DATABASE_URL:Deployed", "REDIS_URL:Deployed"]);
    expect(Object.keys(complete.redis)).toEqual([stagingApps.redis]);
    expect(complete.redis[stagingApps.redis]?.replicaRegions).toEqual([]);

    const view = GENERATORS.view(staging, "test");
    expect(changes.filter((k) => k.startsWith("deploy"))).toEqual(
      view.contributed.deployTargets.map((t) => `deploy app=${t.app} config=${environmentPath(t.config, "staging")}`),
    );
    expect(changes.find((k) => k.startsWith("postgres create"))).toBe(
      `postgres create initial-cluster-size=1 name=${stagingApps.db} org=personal region=iad`,
    );
    const create = fake.changes().find((c) => c.argv[0] === "postgres" && c.argv[1] === "create")?.argv ?? [];
    expect(create.join(" ")).toContain("--vm-size shared-cpu-1x --vm-memory 256 --volume-size 1");
    expect(run.stdout).toContain(
      `fly tokens create deploy --app ${stagingApps.web} --name github-actions --expiry 8760h | gh secret set FLY_API_TOKEN_STAGING_WEB`,
    );
    expect(run.stdout).toContain(`Done: https://${stagingApps.web}.fly.dev`);
  });

  it(
    "changes nothing when run a second time",
    async () => {
      const fake = new FakeFly();
      expect((await fake.run(repo, ["--env", "staging"])).status).toBe(0);
      const before = fake.state().attempts;
      const again = await fake.run(repo, ["--env", "staging"]);
      expect(again.status).toBe(0);
      expect(fake.state().attempts).toBe(before);
      expect(describe(fake.state())).toEqual(complete);
      expect(again.stdout).not.toMatch(/^\+ /m);
    },
    RUNS_TIMEOUT_MS,
  );

  it("--dry-run changes nothing and prints exactly the changes a real run makes", async () => {
    const fake = new FakeFly();
    const dry = await fake.run(repo, ["--env=staging", "--dry-run"]);
    expect(dry.status).toBe(0);
    expect(fake.state().attempts).toBe(0);
    expect(plannedKeys(dry.stdout)).toEqual(changes);
  });

  it(
    "ends in the same state when a run fails at any state-changing call and is run again",
    async () => {
      expect(changes.length).toBeGreaterThan(0);
      const results = await Promise.all(
        changes.map(async (_, index) => {
          const fake = new FakeFly();
          try {
            const failed = await fake.run(repo, ["--env", "staging"], { FAKE_FLY_FAIL_AT: String(index + 1) });
            const done = fake.changes().length;
            const dry = await fake.run(repo, ["--env", "staging", "--dry-run"]);
            const rerun = await fake.run(repo, ["--env", "staging"]);
            const state = fake.state();
            const outputs = [failed.output, dry.stdout, rerun.output].join("\n");
            return {
              k: index + 1,
              failed: failed.status !== 0,
              leaked: secretValues(state).filter((value) => outputs.includes(value)),
              plan: plannedKeys(dry.stdout),
              rerun: rerun.status,
              rerunChanges: fake
                .changes()
                .slice(done)
                .map((c) => callKey(c.argv)),
              platform: describe(state),
            };
          } finally {
            fake.remove();
          }
        }),
      );
      for (const { k, failed, leaked, plan, rerun, rerunChanges, platform } of results) {
        expect({ k, failed, leaked }).toEqual({ k, failed: true, leaked: [] });
        expect({ k, plan }).toEqual({ k, plan: rerunChanges });
        expect({ k, rerun, platform }).toEqual({ k, rerun: 0, platform: complete });
      }
    },
    RESUME_TIMEOUT_MS,
  );

  it(
    "and production bootstrap separately: each leaves the other as it was",
    async () => {
      const alone = new FakeFly();
      expect((await alone.run(repo)).status).toBe(0);
      const production = describe(alone.state());
      expect(part(production, isStaging)).toEqual({ apps: {}, mpg: [], redis: {}, tigris: [] });
      expect(Object.keys(production.apps)).toContain("acme-web");

      const both = new FakeFly();
      expect((await both.run(repo, ["--env", "staging"])).status).toBe(0);
      expect((await both.run(repo, ["--env", "production"])).status).toBe(0);
      const after = describe(both.state());
      expect(part(after, isStaging)).toEqual(part(complete, isStaging));
      expect(part(after, (name) => !isStaging(name))).toEqual(production);
      // Staging again, after production: nothing to do.
      const attempts = both.state().attempts;
      const again = await both.run(repo, ["--env", "staging"]);
      expect(again.status).toBe(0);
      expect(both.state().attempts).toBe(attempts);
    },
    RUNS_TIMEOUT_MS,
  );

  it("refuses an environment the spec lacks with exit 2, calling nothing", async () => {
    const fake = new FakeFly(emptyState(), "cli");
    for (const args of [["--env", "qa"], ["--env=prod"], ["--env"]]) {
      const run = await fake.run(repo, args);
      expect(run.status, args.join(" ")).toBe(2);
      expect(run.stderr).toMatch(/unknown environment (qa|prod); allowed: production, staging|--env needs a value/);
    }
    expect(fake.state().calls).toEqual([]);
  });

  it("lists the environments in --help", async () => {
    const fake = new FakeFly(emptyState(), "cli");
    const run = await fake.run(repo, ["--help"]);
    expect(run.stdout).toMatch(/^ {2}--env <name> {3}the environment: production, staging \(default: production\)$/m);
  });
});
