/**
 * Pull-request previews against the fake flyctl, on a platform with production and staging
 * bootstrapped: `bootstrap.sh --pr <n>` creates the preview's apps alone, its database and users on
 * staging's Postgres and its key prefix on staging's Redis, and deploys again on every run;
 * `teardown.sh --pr <n>` leaves the platform as it was before; `--closed-previews` destroys the
 * previews of closed pull requests only. Each is resumable after a failure at any state-changing
 * call. Then the workflow's own steps run: the commands of preview.yml's jobs, as GitHub runs them.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, describe as group, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { writeNewProject } from "../../src/engine/write-new.js";
import type { PartialSpec } from "../../src/spec/resolve.js";
import { render } from "../helpers/render.js";
import { callKey, describe, emptyState, FakeFly, type FakeState, plannedKeys, secretValues } from "./fake-fly.js";

/** See bootstrap.test.ts: budgets for many script runs on a loaded machine, not timing assertions. */
const RUNS_TIMEOUT_MS = 300_000;

const ANSWERS: PartialSpec = { name: "acme", regions: ["iad", "lhr"], environments: { staging: {} }, previews: true };
const tree = render(ANSWERS);
const root = mkdtempSync(join(tmpdir(), "previews-test-"));
let repo: string;
/** Production and staging, both bootstrapped, before any preview. */
let base: FakeState;

const pr = (n: number) => ({ web: `acme-pr-${n}-web`, worker: `acme-pr-${n}-worker`, database: `acme_pr_${n}` });
const STAGING_DB = "acme-staging-db";

beforeAll(async () => {
  repo = join(root, "app");
  await writeNewProject(tree, repo);
  const fake = new FakeFly();
  for (const args of [[], ["--env", "staging"]]) {
    const run = await fake.run(repo, args);
    if (run.status !== 0) throw new Error(`bootstrap ${args.join(" ")} failed:\n${run.output}`);
  }
  base = fake.state();
  base.calls = [];
  base.attempts = 0;
}, RUNS_TIMEOUT_MS);

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  FakeFly.removeAll();
});

type Platform = ReturnType<typeof describe>;

/** The platform with each list of previews made, by the list: each made once, then copied. */
const made = new Map<string, Promise<FakeState>>();

/** A fake on the bootstrapped platform, with any previews given already made by bootstrap.sh --pr. */
async function platformWith(...previews: number[]) {
  const key = previews.join(",");
  let state = made.get(key);
  if (!state) {
    state = (async () => {
      const maker = new FakeFly(structuredClone(base));
      for (const n of previews) {
        const run = await maker.run(repo, ["--pr", String(n)]);
        if (run.status !== 0) throw new Error(`bootstrap --pr ${n} failed:\n${run.output}`);
      }
      const result = maker.state();
      maker.remove();
      return result;
    })();
    made.set(key, state);
  }
  return new FakeFly(structuredClone(await state));
}

/**
 * A run failed at each of `changes` in turn, then run again: each ends in `expected`, with the
 * dry run after the failure planning exactly what the rerun then does.
 */
async function resumesAfterEveryFailure(
  changes: readonly string[],
  setUp: () => Promise<FakeFly>,
  script: (fake: FakeFly, env?: Record<string, string>) => Promise<{ status: number | undefined; stdout: string }>,
  dryRun: (fake: FakeFly) => Promise<{ stdout: string }>,
  sign: "+" | "-",
  expected: Platform,
) {
  expect(changes.length).toBeGreaterThan(0);
  const results = await Promise.all(
    changes.map(async (_, index) => {
      const k = index + 1;
      const fake = await setUp();
      try {
        const failed = await script(fake, { FAKE_FLY_FAIL_AT: String(fake.state().attempts + k) });
        const done = fake.changes().length;
        const plan = plannedKeys((await dryRun(fake)).stdout, sign);
        const rerun = await script(fake);
        const rerunChanges = fake
          .changes()
          .slice(done)
          .map((c) => callKey(c.argv));
        return {
          k,
          failed: failed.status !== 0,
          rerun: rerun.status,
          plan,
          rerunChanges,
          platform: describe(fake.state()),
        };
      } finally {
        fake.remove();
      }
    }),
  );
  for (const { k, failed, rerun, plan, rerunChanges, platform } of results) {
    expect({ k, failed, rerun }).toEqual({ k, failed: true, rerun: 0 });
    expect({ k, plan }).toEqual({ k, plan: rerunChanges });
    expect({ k, platform }).toEqual({ k, platform: expected });
  }
}

group("bootstrap.sh --pr", () => {
  let complete: Platform;
  let changes: string[];

  it("creates the preview's apps alone, its database and users on staging's Postgres, its own Redis keys", async () => {
    const fake = await platformWith();
    const run = await fake.run(repo, ["--pr", "7"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const state = fake.state();
    complete = describe(state);
    changes = fake.changes().map((c) => callKey(c.argv));
    for (const value of secretValues(state)) expect(run.output).not.toContain(value);

    const before = describe(base);
    const { [pr(7).web]: web, [pr(7).worker]: worker, [STAGING_DB]: db, ...others } = complete.apps;
    const { [STAGING_DB]: dbBefore, ...othersBefore } = before.apps;
    // Nothing else changed: production, staging's apps, the caches, the clusters' members.
    expect({ ...complete, apps: others }).toEqual({ ...before, apps: othersBefore });
    expect({ ...db, users: [], databases: [] }).toEqual({ ...dbBefore, users: [], databases: [] });
    expect(db?.databases).toEqual([...(dbBefore?.databases ?? []), pr(7).database].sort());
    expect(db?.users).toEqual([...(dbBefore?.users ?? []), "acme_pr_7_web", "acme_pr_7_worker"].sort());

    // One Machine each, in staging's primary region, with what it reads.
    expect(web?.machines).toEqual(["app@iad"]);
    expect(worker?.machines).toEqual(["worker@iad"]);
    for (const app of [web, worker]) {
      expect(app?.secrets).toEqual(["DATABASE_URL:Deployed", "REDIS_KEY_PREFIX:Deployed", "REDIS_URL:Deployed"]);
    }
    const secrets = state.apps[pr(7).web]?.secrets ?? {};
    expect(secrets.REDIS_KEY_PREFIX?.value).toBe("pr-7:");
    expect(secrets.REDIS_URL?.value).toBe(state.redis["acme-staging-redis"]?.url);
    expect(secrets.DATABASE_URL?.value).toMatch(new RegExp(`@${STAGING_DB}\\.flycast:5432/${pr(7).database}\\?`));

    expect(changes.filter((k) => k.startsWith("deploy"))).toEqual([
      `deploy app=${pr(7).web} config=fly.preview.toml`,
      `deploy app=${pr(7).worker} config=fly.worker.preview.toml`,
    ]);
    // Staging's cluster and Redis are only read; no token to print, nothing of staging's to prune.
    expect(changes.filter((k) => /^(postgres create|redis create|machine clone|apps create)/.test(k))).toEqual([
      `apps create ${pr(7).web} org=personal`,
      `apps create ${pr(7).worker} org=personal`,
    ]);
    expect(run.stdout).not.toContain("fly tokens create");
    expect(run.stdout).toContain(`Done: https://${pr(7).web}.fly.dev`);
  });

  it(
    "on a second run (a new push) deploys the new code and changes nothing else",
    async () => {
      const fake = await platformWith(7);
      const before = fake.changes().length;
      const again = await fake.run(repo, ["--pr", "7"]);
      expect(again.status).toBe(0);
      const made = fake
        .changes()
        .slice(before)
        .map((c) => callKey(c.argv));
      expect(made).toEqual(changes.filter((k) => k.startsWith("deploy")));
      expect(describe(fake.state())).toEqual(complete);
    },
    RUNS_TIMEOUT_MS,
  );

  it("--dry-run changes nothing and prints exactly the changes a real run makes", async () => {
    const fake = await platformWith();
    const dry = await fake.run(repo, ["--pr=7", "--dry-run"]);
    expect(dry.status).toBe(0);
    expect(fake.state().attempts).toBe(0);
    expect(plannedKeys(dry.stdout)).toEqual(changes);
  });

  it(
    "ends in the same state when a run fails at any state-changing call and is run again",
    () =>
      resumesAfterEveryFailure(
        changes,
        () => platformWith(),
        (fake, env) => fake.run(repo, ["--pr", "7"], env),
        (fake) => fake.run(repo, ["--pr", "7", "--dry-run"]),
        "+",
        complete,
      ),
    RUNS_TIMEOUT_MS,
  );

  it("refuses a number that is not one, --prune, and --pr without previews, with exit 2, calling nothing", async () => {
    const fake = new FakeFly(emptyState(), "cli");
    for (const args of [["--pr", "x7"], ["--pr=0"], ["--pr", "-1"], ["--pr"], ["--pr", "7", "--prune"]]) {
      const run = await fake.run(repo, args);
      expect(run.status, args.join(" ")).toBe(2);
      expect(run.stderr).toMatch(/--pr takes the number of a pull request|--pr needs a value|nothing to prune/);
    }
    expect(fake.state().calls).toEqual([]);
  });

  it("stops before creating anything when staging is not bootstrapped", async () => {
    const fake = new FakeFly();
    const run = await fake.run(repo, ["--pr", "7"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("run scripts/bootstrap.sh --env staging first");
    expect(fake.changes()).toEqual([]);
  });
});

group("teardown.sh --pr", () => {
  const teardown = (fake: FakeFly, args: string[], env: Record<string, string> = {}) =>
    fake.bash(repo, ["scripts/teardown.sh", ...args], env);

  it(
    "destroys the preview's apps, database and users, and leaves production and staging as they were",
    async () => {
      const fake = await platformWith(7, 8);
      const withBoth = describe(fake.state());
      const dry = await teardown(fake, ["--pr", "7", "--dry-run"]);
      expect(dry.status).toBe(0);
      // As the issue spells it, with the environment the preview lives on.
      const named = await teardown(fake, ["--env", "staging", "--pr", "7", "--dry-run"]);
      expect(named.stdout).toBe(dry.stdout);
      const before = fake.changes().length;
      const run = await teardown(fake, ["--pr", "7", "--yes"]);
      expect(run.status).toBe(0);
      const made = fake
        .changes()
        .slice(before)
        .map((c) => callKey(c.argv));
      expect(plannedKeys(dry.stdout, "-")).toEqual(made);
      expect(dry.stdout).toContain("(stdin: DROP DATABASE IF EXISTS acme_pr_7 WITH (FORCE);)");

      // As if preview 7 had never been: preview 8 and everything else untouched.
      const only8 = describe((await platformWith(8)).state());
      expect(describe(fake.state())).toEqual(only8);
      expect(withBoth.apps[pr(8).web]).toEqual(only8.apps[pr(8).web]);
      const again = await teardown(fake, ["--pr", "7", "--yes"]);
      expect(again.status).toBe(0);
      expect(again.stdout).toContain("Nothing to destroy: Fly holds nothing of pr-7.");
    },
    RUNS_TIMEOUT_MS,
  );

  it(
    "ends like an uninterrupted teardown when it fails at any state-changing call and is run again",
    async () => {
      const fake = await platformWith(7);
      const before = fake.changes().length;
      await teardown(fake, ["--pr", "7", "--yes"]);
      const changes = fake
        .changes()
        .slice(before)
        .map((c) => callKey(c.argv));
      await resumesAfterEveryFailure(
        changes,
        () => platformWith(7),
        (f, env) => teardown(f, ["--pr", "7", "--yes"], env),
        (f) => teardown(f, ["--pr", "7", "--dry-run"]),
        "-",
        describe(base),
      );
    },
    RUNS_TIMEOUT_MS,
  );

  it(
    "--closed-previews destroys the previews of closed pull requests and keeps the open ones",
    async () => {
      const fake = await platformWith(7, 8, 9);
      const run = await teardown(fake, ["--closed-previews", "--open", "8,12", "--yes"]);
      expect(run.status).toBe(0);
      expect(run.stdout).toContain("pr-8 is kept: its pull request is open");
      expect(describe(fake.state())).toEqual(describe((await platformWith(8)).state()));
      const none = await teardown(fake, ["--closed-previews", "--open", "", "--yes"]);
      expect(none.status).toBe(0);
      expect(describe(fake.state())).toEqual(describe(base));
      const empty = await teardown(fake, ["--closed-previews", "--open=", "--yes"]);
      expect(empty.stdout).toContain("Nothing to destroy: Fly holds no preview.");
    },
    RUNS_TIMEOUT_MS,
  );

  it(
    "--env staging waits for the previews that live on it, then destroys staging alone",
    async () => {
      const fake = await platformWith(7);
      const refused = await teardown(fake, ["--env", "staging", "--yes"]);
      expect(refused.status).toBe(2);
      expect(refused.stderr).toContain("previews pr-7 live on staging: destroy them first");
      expect(fake.changes().length).toBe((await platformWith(7)).changes().length);
      expect((await teardown(fake, ["--closed-previews", "--open", "", "--yes"])).status).toBe(0);
      expect((await teardown(fake, ["--env", "staging", "--yes"])).status).toBe(0);
      expect(Object.keys(describe(fake.state()).apps).filter((app) => app.startsWith("acme-staging-"))).toEqual([]);
      expect(Object.keys(describe(fake.state()).apps)).toContain("acme-web");
    },
    RUNS_TIMEOUT_MS,
  );

  it("refuses what it cannot mean with exit 2, calling nothing", async () => {
    const fake = new FakeFly(emptyState(), "cli");
    for (const args of [
      ["--pr", "7", "--env", "production"],
      ["--closed-previews"],
      ["--open", "3"],
      ["--closed-previews", "--open", "3,x"],
      ["--pr", "seven", "--yes"],
      [],
    ]) {
      const run = await teardown(fake, args);
      expect({ args, status: run.status }).toEqual({ args, status: 2 });
    }
    expect(fake.state().calls).toEqual([]);
  });
});

/**
 * The steps of preview.yml that call our scripts, run as GitHub's runner would: its `run`
 * in bash, its `env` with the expressions the event gives.
 */
group("preview.yml's steps, run against the fake", () => {
  const workflow = parseYaml(tree.get(".github/workflows/preview.yml")?.content ?? "");
  const expressions: Record<string, string> = {
    "${{ secrets.FLY_API_TOKEN_PREVIEWS }}": "FlyV1 fake-org-token",
    "${{ github.event.pull_request.number }}": "7",
    "${{ steps.open.outputs.numbers }}": "3,8",
  };
  async function runJob(fake: FakeFly, job: string) {
    const steps: { run?: string; env?: Record<string, string> }[] = workflow.jobs[job].steps;
    for (const step of steps.filter((s) => s.run?.startsWith("scripts/"))) {
      const env = Object.fromEntries(
        Object.entries(step.env ?? {}).map(([name, value]) => {
          const resolved = expressions[value];
          if (resolved === undefined) throw new Error(`no value for ${value}`);
          return [name, resolved];
        }),
      );
      const run = await fake.bash(repo, ["-c", step.run ?? ""], env);
      expect({ job, step: step.run, status: run.status, stderr: run.stderr }).toEqual({
        job,
        step: step.run,
        status: 0,
        stderr: "",
      });
    }
  }

  it(
    "deploy creates the preview, deploy again updates it, destroy removes it, and the sweep removes closed ones",
    async () => {
      const fake = await platformWith();
      await runJob(fake, "deploy");
      const created = describe((await platformWith(7)).state());
      expect(describe(fake.state())).toEqual(created);
      const before = fake.changes().length;
      await runJob(fake, "deploy");
      expect(
        fake
          .changes()
          .slice(before)
          .every((c) => c.argv[0] === "deploy"),
      ).toBe(true);
      await runJob(fake, "destroy");
      expect(describe(fake.state())).toEqual(describe(base));

      const swept = await platformWith(7, 8);
      await runJob(swept, "sweep");
      expect(describe(swept.state())).toEqual(describe((await platformWith(8)).state()));
    },
    RUNS_TIMEOUT_MS,
  );
});
