/**
 * Acceptance 2: scripts/bootstrap.sh against a fake flyctl that is stricter than the real one.
 * For each case: a first run provisions what the spec describes, in order; a second run changes
 * nothing; --dry-run changes nothing and plans exactly what a real run does; a run interrupted at
 * any state-changing call, run again, ends where an uninterrupted run ends. No secret is printed.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, expect, describe as group, it } from "vitest";
import { appNames } from "../../generators/base/spec.js";
import { GENERATORS } from "../../generators/index.js";
import { writeNewProject } from "../../src/engine/write-new.js";
import type { PartialSpec } from "../../src/spec/resolve.js";
import type { Spec } from "../../src/spec/schema.js";
import { render, specFrom } from "../helpers/render.js";
import { INFRA_CASES } from "./cases.js";
import { callKey, describe, emptyState, FakeFly, plannedKeys, secretValues } from "./fake-fly.js";

const root = mkdtempSync(join(tmpdir(), "bootstrap-test-"));
/**
 * The resume test runs bootstrap three times per state-changing call (about 60 runs for the
 * largest case, each spawning node and bash dozens of times): on two cores shared with other
 * work it takes minutes, not the default 30 s. A budget, not a timing assertion.
 */
const RESUME_TIMEOUT_MS = 300_000;
/**
 * The tests that run bootstrap more than once (four times to add a cache to a running platform),
 * or the node script itself for each call, come close to vitest's 30 s on a loaded machine: they
 * get a longer budget, again not a timing assertion.
 */
const RUNS_TIMEOUT_MS = 180_000;

/** What `fly storage create --app` sets on the app it names. */
const BUCKET_SECRETS = [
  "AWS_ACCESS_KEY_ID",
  "AWS_ENDPOINT_URL_S3",
  "AWS_REGION",
  "AWS_SECRET_ACCESS_KEY",
  "BUCKET_NAME",
];
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  FakeFly.removeAll();
});

/** What the spec says the platform must hold once bootstrap has run. */
function expectedPlatform(spec: Spec) {
  const view = GENERATORS.view(spec, "test");
  const apps = appNames(spec);
  const webGroup = spec.worker.kind === "process" ? "web" : "app";
  const consumerSecrets = [
    ...(spec.database.kind !== "none" ? ["DATABASE_URL:Deployed"] : []),
    ...(spec.cache.kind !== "none" ? ["REDIS_URL:Deployed"] : []),
  ];
  // The bucket's settings are the web app's alone.
  const webSecrets = [
    ...consumerSecrets,
    ...(spec.storage.kind === "tigris" ? BUCKET_SECRETS.map((name) => `${name}:Deployed`) : []),
  ].sort();
  const web = spec.regions.flatMap((r) => Array(spec.web.machinesPerRegion).fill(`${webGroup}@${r}`));
  const workerMachines = Array(spec.worker.count).fill(`worker@${spec.primaryRegion}`);
  return { view, apps, web, workerMachines, consumerSecrets, webSecrets };
}

group.each(INFRA_CASES)("bootstrap.sh: $name", ({ spec: answers }) => {
  const spec = specFrom(answers);
  let repo: string;
  let complete: ReturnType<typeof describe>;
  let changes: string[];

  beforeAll(async () => {
    repo = join(mkdtempSync(join(root, "repo-")), "app");
    await writeNewProject(render(answers), repo);
  });

  it("provisions everything the spec describes, in order, without printing a secret", async () => {
    const fake = new FakeFly();
    const run = await fake.run(repo);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const state = fake.state();
    complete = describe(state);
    changes = fake.changes().map((c) => callKey(c.argv));
    for (const value of secretValues(state)) expect(run.output).not.toContain(value);
    // flyctl prints a bucket's keys in the clear; bootstrap shows neither.
    for (const bucket of state.tigris) {
      expect(run.output).not.toContain(bucket.accessKeyId);
      expect(run.output).not.toContain(bucket.secretAccessKey);
    }

    const { apps, web, workerMachines, consumerSecrets, webSecrets, view } = expectedPlatform(spec);
    const platform = complete.apps;
    expect(platform[apps.web]?.machines).toEqual(
      [...web, ...(spec.worker.kind === "process" ? workerMachines : [])].sort(),
    );
    expect(platform[apps.web]?.secrets).toEqual(webSecrets);
    if (spec.worker.kind === "app") {
      expect(platform[apps.worker]?.machines).toEqual(workerMachines);
      expect(platform[apps.worker]?.secrets).toEqual(consumerSecrets);
    } else {
      expect(platform[apps.worker]).toBeUndefined();
    }
    if (spec.database.kind === "postgres") {
      const standbys = Array(spec.database.primaryMembers - 1).fill(`app@${spec.primaryRegion}:replica`);
      expect(platform[apps.db]?.machines).toEqual(
        [
          `app@${spec.primaryRegion}:primary`,
          ...standbys,
          ...spec.database.replicaRegions.map((r) => `app@${r}:replica`),
        ].sort(),
      );
      expect(platform[apps.db]?.backups).toBe(true);
      expect(platform[apps.db]?.users).toEqual(view.consumerApps.map((a) => a.replace(/-/g, "_")).sort());
      // Web and worker share one database (attach's default would give each app its own).
      expect(platform[apps.db]?.databases).toEqual([view.database.name]);
    } else {
      expect(platform[apps.db]).toBeUndefined();
    }
    expect(complete.mpg).toEqual(
      spec.database.kind === "mpg"
        ? [
            {
              name: apps.db,
              org: spec.org,
              region: spec.primaryRegion,
              plan: spec.database.mpgPlan,
              attached: [...view.consumerApps].sort(),
            },
          ]
        : [],
    );
    expect(complete.redis).toEqual(
      spec.cache.kind === "upstash"
        ? {
            [apps.redis]: {
              org: spec.org,
              region: spec.primaryRegion,
              replicaRegions: spec.cache.replicaRegions,
              plan: view.cache.upstashPlan || "Pay-as-you-go",
              eviction: view.cache.evictionAllowed,
              autoUpgrade: false,
            },
          }
        : {},
    );
    // Fly Postgres keeps its backups in a bucket of its own.
    expect(complete.tigris.filter((bucket) => bucket.app !== apps.db)).toEqual(
      spec.storage.kind === "tigris"
        ? [{ name: view.storage.bucket, org: spec.org, app: apps.web, public: false }]
        : [],
    );
    if (spec.cache.kind === "redis-app") {
      expect(platform[apps.redis]).toMatchObject({
        machines: [`app@${spec.primaryRegion}`],
        volumes: [`redis_data@${spec.primaryRegion}:${spec.cache.volumeSizeGb}gb:attached`],
        secrets: ["REDIS_PASSWORD:Deployed"],
      });
      // Every client holds the URL with the password the Redis app was given.
      const password = state.apps[apps.redis]?.secrets.REDIS_PASSWORD?.value ?? "missing";
      for (const app of view.consumerApps) {
        expect(state.apps[app]?.secrets.REDIS_URL?.value).toBe(
          `redis://default:${password}@${apps.redis}.internal:6379`,
        );
      }
    } else if (spec.cache.kind === "upstash") {
      for (const app of view.consumerApps) {
        expect(state.apps[app]?.secrets.REDIS_URL?.value).toBe(state.redis[apps.redis]?.url);
      }
    }

    // Order: apps, then databases and caches with their secrets, then deploys (web before
    // worker), then Machine counts.
    const phase = (key: string) => {
      if (key.startsWith("apps create")) return 0;
      if (key.startsWith("scale count")) return 3;
      // The Redis app is deployed with its own setup, before the apps that connect to it.
      if (key.startsWith("deploy") && !key.includes(`app=${apps.redis} `)) return 2;
      return 1;
    };
    const phases = changes.map(phase);
    expect(phases).toEqual([...phases].sort());
    const deploys = changes.filter((k) => k.startsWith("deploy"));
    expect(deploys.filter((k) => !k.includes(apps.redis))).toEqual(
      view.contributed.deployTargets.map((t) => `deploy app=${t.app} config=${t.config}`),
    );
    const first = (prefix: string) => changes.findIndex((k) => k.startsWith(prefix));
    if (spec.database.kind === "postgres") {
      expect(first("postgres create")).toBeLessThan(first("postgres attach"));
      if (spec.database.replicaRegions.length > 0)
        expect(first("machine clone")).toBeLessThan(first("postgres attach"));
    }
    if (spec.database.kind === "mpg") expect(first("mpg create")).toBeLessThan(first("mpg attach"));
    if (spec.cache.kind === "upstash") expect(first("redis create")).toBeLessThan(first("secrets import"));
    if (spec.cache.kind === "redis-app") {
      expect(first("volumes create")).toBeLessThan(first(`deploy app=${apps.redis}`));
      expect(first(`secrets import app=${apps.redis}`)).toBeLessThan(first(`deploy app=${apps.redis}`));
    }
  });

  it(
    "changes nothing when run a second time",
    async () => {
      const fake = new FakeFly();
      expect((await fake.run(repo)).status).toBe(0);
      const before = fake.state().attempts;
      const again = await fake.run(repo);
      expect(again.status).toBe(0);
      expect(fake.state().attempts).toBe(before);
      expect(describe(fake.state())).toEqual(complete);
      expect(again.stdout).not.toMatch(/^\+ /m);
    },
    RUNS_TIMEOUT_MS,
  );

  it("--dry-run changes nothing and prints exactly the changes a real run makes", async () => {
    const fake = new FakeFly();
    const dry = await fake.run(repo, ["--dry-run"]);
    expect(dry.status).toBe(0);
    expect(fake.state().attempts).toBe(0);
    expect(describe(fake.state())).toEqual(describe(emptyState()));
    expect(plannedKeys(dry.stdout)).toEqual(changes);
  });

  it(
    "ends in the same state when a run fails at any state-changing call and is run again, printing no secret",
    async () => {
      expect(changes.length).toBeGreaterThan(0);
      const results = await Promise.all(
        changes.map(async (_, index) => {
          const fake = new FakeFly();
          try {
            const failed = await fake.run(repo, [], { FAKE_FLY_FAIL_AT: String(index + 1) });
            // On the half-provisioned platform, --dry-run still changes nothing and plans exactly
            // what the re-run then does.
            const attempts = fake.state().attempts;
            const dry = await fake.run(repo, ["--dry-run"]);
            const dryChanged = fake.state().attempts - attempts;
            const done = fake.changes().length;
            const rerun = await fake.run(repo);
            const outputs = [failed.output, dry.stdout, rerun.output].join("\n");
            const state = fake.state();
            const keys = state.tigris.flatMap((bucket) => [bucket.accessKeyId, bucket.secretAccessKey]);
            return {
              leaked: [...secretValues(state), ...keys].filter((value) => outputs.includes(value)),
              k: index + 1,
              failed: failed.status !== 0,
              dry: { status: dry.status, changed: dryChanged, plan: plannedKeys(dry.stdout) },
              rerun: rerun.status,
              rerunChanges: fake
                .changes()
                .slice(done)
                .map((c) => callKey(c.argv)),
              platform: describe(fake.state()),
            };
          } finally {
            fake.remove();
          }
        }),
      );
      for (const { k, failed, dry, rerun, rerunChanges, platform, leaked } of results) {
        expect({ k, failed, leaked }).toEqual({ k, failed: true, leaked: [] });
        expect({ k, dry }).toEqual({ k, dry: { status: 0, changed: 0, plan: rerunChanges } });
        expect({ k, rerun, platform }).toEqual({ k, rerun: 0, platform: complete });
      }
    },
    RESUME_TIMEOUT_MS,
  );
});

group("bootstrap.sh options", () => {
  let repo: string;
  beforeAll(async () => {
    repo = join(mkdtempSync(join(root, "repo-")), "app");
    await writeNewProject(render({ name: "acme", org: "personal" }), repo);
  });

  it("--help prints usage without calling fly", async () => {
    const fake = new FakeFly(emptyState(), "cli");
    const run = await fake.run(repo, ["--help"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Usage: scripts\/bootstrap\.sh/);
    expect(run.stdout).toContain("--dry-run");
    expect(run.stdout).toMatch(/^ {2}--prune {8}also carry out the removals$/m);
    expect(run.stdout).toContain(
      "What the spec no longer has (Machines in a region it dropped, Postgres replicas outside the replica regions, and members beyond primaryMembers in the primary region, Upstash read regions it dropped)",
    );
    expect(fake.state().calls).toEqual([]);
  });

  it(
    "--org creates the apps in that organization (fake fly run as a node script)",
    async () => {
      const fake = new FakeFly({ ...emptyState(), orgs: ["personal", "acme-corp"] }, "cli");
      const run = await fake.run(repo, ["--org", "acme-corp"]);
      expect(run.status).toBe(0);
      for (const app of Object.values(fake.state().apps)) expect(app.org).toBe("acme-corp");
    },
    RUNS_TIMEOUT_MS,
  );

  it("refuses an unknown option with exit code 2", async () => {
    const fake = new FakeFly();
    const run = await fake.run(repo, ["--regions", "iad"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("unknown option --regions");
    expect(fake.state().calls).toEqual([]);
  });

  it(
    "refuses an existing Upstash database that evicts keys when the job queue lives in it",
    async () => {
      const queueCase = INFRA_CASES.find((c) => c.name === "worker-process");
      const queueRepo = join(mkdtempSync(join(root, "repo-")), "app");
      await writeNewProject(render(queueCase?.spec ?? {}), queueRepo);
      const fake = new FakeFly();
      expect((await fake.run(queueRepo)).status).toBe(0);
      const state = fake.state();
      const [name, db] = Object.entries(state.redis)[0] ?? [];
      if (!name || !db) throw new Error("the case has no Upstash database");
      db.eviction = true;
      for (const app of Object.values(state.apps)) delete app.secrets.REDIS_URL;
      fake.write(state);
      const run = await fake.run(queueRepo);
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(`${name} evicts keys, but the job queue lives in it`);
    },
    RUNS_TIMEOUT_MS,
  );

  it.each([false, true])(
    "adds a cache to a running platform and redeploys the apps that read it (secret status unknown: %s)",
    async (secretStatusUnknown) => {
      const before: PartialSpec = {
        name: "acme",
        regions: ["iad", "lhr"],
        cache: { kind: "none" },
        worker: { kind: "app" },
      };
      const first = join(mkdtempSync(join(root, "repo-")), "app");
      await writeNewProject(render(before), first);
      const fake = new FakeFly({ ...emptyState(), secretStatusUnknown });
      expect((await fake.run(first)).status).toBe(0);
      const deploysBefore = fake.changes().filter((c) => c.argv[0] === "deploy").length;

      const after = join(mkdtempSync(join(root, "repo-")), "app");
      await writeNewProject(render({ ...before, cache: { kind: "upstash" } }), after);
      const attemptsBefore = fake.state().attempts;
      const dry = await fake.run(after, ["--dry-run"]);
      expect(fake.state().attempts).toBe(attemptsBefore);
      const done = fake.changes().length;
      const run = await fake.run(after);
      expect(run.status).toBe(0);
      expect(plannedKeys(dry.stdout)).toEqual(
        fake
          .changes()
          .slice(done)
          .map((c) => callKey(c.argv)),
      );
      const redeployed = fake
        .changes()
        .filter((c) => c.argv[0] === "deploy")
        .slice(deploysBefore)
        .map((c) => callKey(c.argv));
      expect(redeployed).toEqual([
        "deploy app=acme-web config=fly.toml",
        "deploy app=acme-worker config=fly.worker.toml",
      ]);
      for (const app of ["acme-web", "acme-worker"]) {
        expect(describe(fake.state()).apps[app]?.secrets).toEqual(["DATABASE_URL:Deployed", "REDIS_URL:Deployed"]);
      }
      // And with everything in place, nothing more to do.
      const attempts = fake.state().attempts;
      expect((await fake.run(after)).status).toBe(0);
      expect(fake.state().attempts).toBe(attempts);
    },
    RUNS_TIMEOUT_MS,
  );

  async function repoFor(spec: PartialSpec) {
    const dir = join(mkdtempSync(join(root, "repo-")), "app");
    await writeNewProject(render(spec), dir);
    return dir;
  }

  it(
    "grows a one-member Fly Postgres to three in the primary region when the spec asks for it",
    async () => {
      const spec: PartialSpec = { name: "acme", regions: ["iad", "lhr"], cache: { kind: "none" } };
      const fake = new FakeFly();
      const single = await fake.run(await repoFor({ ...spec, database: { kind: "postgres", primaryMembers: 1 } }));
      expect(single.status).toBe(0);
      expect(single.stdout).toContain("--initial-cluster-size 1 --enable-backups");
      expect(describe(fake.state()).apps["acme-db"]?.machines).toEqual(["app@iad:primary", "app@lhr:replica"]);

      const done = fake.changes().length;
      expect((await fake.run(await repoFor({ ...spec, database: { kind: "postgres" } }))).status).toBe(0);
      expect(describe(fake.state()).apps["acme-db"]?.machines).toEqual([
        "app@iad:primary",
        "app@iad:replica",
        "app@iad:replica",
        "app@lhr:replica",
      ]);
      expect(
        fake
          .changes()
          .slice(done)
          .map((c) => callKey(c.argv)),
      ).toEqual(["machine clone app=acme-db region=iad", "machine clone app=acme-db region=iad"]);
    },
    RUNS_TIMEOUT_MS,
  );

  it(
    "fails, naming both plans, when the Managed Postgres cluster is not on the spec's plan",
    async () => {
      const spec: PartialSpec = { name: "acme", regions: ["iad"], cache: { kind: "none" }, worker: { kind: "none" } };
      const fake = new FakeFly();
      // As flyctl leaves it after `--plan performance` without a terminal, or a cluster made by hand.
      expect((await fake.run(await repoFor({ ...spec, database: { kind: "mpg", mpgPlan: "basic" } }))).status).toBe(0);
      const attempts = fake.state().attempts;
      const run = await fake.run(await repoFor({ ...spec, database: { kind: "mpg", mpgPlan: "starter" } }));
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/acme-db \(\w+\) is on plan "basic", but fly-ref-arch.json asks for "starter"/);
      expect(fake.state().attempts).toBe(attempts);
    },
    RUNS_TIMEOUT_MS,
  );

  it.each([[[]], [["--dry-run"]]])(
    "refuses to create a performance Managed Postgres cluster from a script, changing nothing (%j)",
    async (args) => {
      const repo = await repoFor({ name: "acme", regions: ["iad"], database: { kind: "mpg", mpgPlan: "performance" } });
      const fake = new FakeFly();
      const run = await fake.run(repo, args);
      expect(run.status).toBe(1);
      expect(run.stderr).toContain("flyctl cannot create a performance cluster from a script");
      expect(run.stderr).toContain("fly mpg create --name acme-db --org personal --region iad --volume-size 10");
      expect(fake.state().attempts).toBe(0);
      // Once the user has created it (choosing Performance at the prompt), bootstrap goes on.
      const state = fake.state();
      state.mpg.push({
        id: "c0ffee",
        name: "acme-db",
        org: "personal",
        region: "iad",
        plan: "performance",
        password: "pw",
        attached: [],
      });
      fake.write(state);
      expect((await fake.run(repo, args)).status).toBe(0);
    },
  );

  it(
    "fails when the Upstash database holding the queue is on another plan than the spec's",
    async () => {
      const queueCase = INFRA_CASES.find((c) => c.name === "worker-process");
      const repo = await repoFor(queueCase?.spec ?? {});
      const fake = new FakeFly();
      expect((await fake.run(repo)).status).toBe(0);
      expect(describe(fake.state()).redis["acme-redis"]).toMatchObject({ plan: "Fixed 250MB", autoUpgrade: false });
      const state = fake.state();
      const db = state.redis["acme-redis"];
      if (!db) throw new Error("no Upstash database");
      db.plan = "Pay-as-you-go";
      fake.write(state);
      const run = await fake.run(repo);
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(
        'acme-redis is on the Upstash plan "Pay-as-you-go", but fly-ref-arch.json asks for "Fixed 250MB"',
      );
    },
    RUNS_TIMEOUT_MS,
  );

  it("stops before creating anything when Upstash no longer offers the spec's plan", async () => {
    const queueCase = INFRA_CASES.find((c) => c.name === "worker-process");
    const fake = new FakeFly({ ...emptyState(), withdrawnRedisPlans: ["Fixed 250MB"] });
    const run = await fake.run(await repoFor(queueCase?.spec ?? {}));
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Upstash offers no plan named "Fixed 250MB" (see fly redis plans)');
    expect(fake.state().attempts).toBe(0);
  });

  it("stops before changing anything when not logged in", async () => {
    const fake = new FakeFly({ ...emptyState(), user: null });
    const run = await fake.run(repo);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("fly auth login");
    expect(fake.state().attempts).toBe(0);
  });
});

group("bootstrap.sh and a Tigris bucket it did not make", () => {
  const storageCase = INFRA_CASES.find((c) => c.name === "storage-worker-app");
  let repo: string;
  beforeAll(async () => {
    repo = join(mkdtempSync(join(root, "repo-")), "app");
    await writeNewProject(render(storageCase?.spec ?? {}), repo);
  });

  /** A fake platform after `argv`, run by the fake itself (its node script, as flyctl would be). */
  async function platformAfter(...calls: { argv: string[]; input?: string }[]): Promise<FakeFly> {
    const fake = new FakeFly(emptyState(), "cli");
    for (const { argv, input } of calls) {
      const result = await execa(join(fake.bin, "fly"), argv, {
        env: { FAKE_FLY_STATE: fake.statePath },
        input: input ?? "",
        reject: false,
      });
      if (result.exitCode !== 0) throw new Error(`fly ${argv.join(" ")}: ${result.stderr}`);
    }
    return fake;
  }

  it.each([
    [
      "the web app has one of its settings by hand, so flyctl sets none",
      [{ argv: ["secrets", "import", "--stage", "--app", "acme-web"], input: "BUCKET_NAME=by-hand\n" }],
      "AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_ENDPOINT_URL_S3 AWS_REGION",
    ],
    [
      "the bucket exists already, made for no app",
      [{ argv: ["storage", "create", "--name", "acme-files", "--org", "personal", "--yes"] }],
      "AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_ENDPOINT_URL_S3 AWS_REGION BUCKET_NAME",
    ],
  ])(
    "stops when %s, naming what the web app lacks, and prints no key",
    async (_, setup, lacking) => {
      const fake = await platformAfter({ argv: ["apps", "create", "acme-web", "--org", "personal"] }, ...setup);
      const run = await fake.run(repo);
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(`acme-web lacks ${lacking} of the bucket acme-files.`);
      const buckets = fake.state().tigris;
      expect(buckets.map((bucket) => bucket.name)).toEqual(["acme-files"]);
      for (const bucket of buckets) {
        expect(run.output).not.toContain(bucket.accessKeyId);
        expect(run.output).not.toContain(bucket.secretAccessKey);
      }
      // Nothing is deployed with half a bucket's settings.
      expect(fake.changes().filter((call) => call.argv[0] === "deploy")).toEqual([]);
    },
    RUNS_TIMEOUT_MS,
  );
});
