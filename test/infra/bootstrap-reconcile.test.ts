/**
 * Issue 15, reconcile: bootstrap.sh also removes what the spec dropped. Each scenario bootstraps a
 * spec against the fake flyctl, changes the spec, generates the project again and runs the new
 * bootstrap against the same platform: --dry-run and a plain run list the removals and carry out
 * none, --prune carries them out (a removed Postgres member's volume is destroyed with it), a
 * second --prune changes nothing, and a --prune run failed at any of its state-changing calls,
 * run again, ends where an uninterrupted one ends. Fewer members in the primary region
 * (database.primaryMembers lowered) remove its surplus replicas the same way. Upstash read
 * regions cannot be removed from a script (flyctl's `redis update` always asks for the plan):
 * bootstrap says what to run by hand.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, describe as group, it } from "vitest";
import { writeNewProject } from "../../src/engine/write-new.js";
import type { PartialSpec } from "../../src/spec/resolve.js";
import { render } from "../helpers/render.js";
import { callKey, describe, FakeFly, type FakeState, plannedKeys } from "./fake-fly.js";

const root = mkdtempSync(join(tmpdir(), "bootstrap-reconcile-"));
/** Several bootstrap runs per test, each dozens of fly calls: a budget on a loaded machine, not a timing assertion. */
const TIMEOUT_MS = 300_000;
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  FakeFly.removeAll();
});

async function repoFor(spec: PartialSpec) {
  const dir = join(mkdtempSync(join(root, "repo-")), "app");
  await writeNewProject(render(spec), dir);
  return dir;
}

const PENDING = /^(\d+) removal\(s\) pending \(the - lines above\): run with --prune to remove them\.$/m;

/** The Postgres member of acme-db in a region, and the volume it holds. */
function memberIn(state: FakeState, region: string) {
  const db = state.apps["acme-db"];
  const member = db?.machines.find((m) => m.region === region);
  const volume = db?.volumes.find((v) => v.machine === member?.id);
  if (!member || !volume) throw new Error(`acme-db has no member with a volume in ${region}`);
  return { member, volume };
}

/** `fly machine destroy` and `fly volumes destroy` of a member, as call keys. */
function removalOf(state: FakeState, member: { id: string }) {
  const volume = state.apps["acme-db"]?.volumes.find((v) => v.machine === member.id);
  if (!volume) throw new Error(`member ${member.id} of acme-db has no volume`);
  return [`machine destroy ${member.id} app=acme-db`, `volumes destroy ${volume.id} app=acme-db`];
}

/** The removal of the member in a region. */
const memberRemoval = (state: FakeState, region: string) => removalOf(state, memberIn(state, region).member);

/** The removal of the first `count` replicas in a region, in `fly machine list`'s order. */
function replicasRemoval(state: FakeState, region: string, count: number) {
  const replicas = state.apps["acme-db"]?.machines.filter((m) => m.region === region && m.role === "replica") ?? [];
  if (replicas.length < count) throw new Error(`acme-db has fewer than ${count} replicas in ${region}`);
  return replicas.slice(0, count).flatMap((member) => removalOf(state, member));
}

interface Scenario {
  name: string;
  before: PartialSpec;
  after: PartialSpec;
  /** The region the change drops from Postgres (and, in one scenario, from the web tier). */
  dropped?: string;
  /** The removals bootstrap carries out, as call keys, on the platform `before` made. */
  removals(state: FakeState): string[];
  /** The Upstash change it leaves to the user, how the prompts are to be answered, and what
   * the user's `fly redis update` sets the read regions to; none when Upstash keeps its regions. */
  byHand?: { line: string; how: string; upstashAfter: string[] };
}

const SCENARIOS: readonly Scenario[] = [
  {
    name: "drop a region (nrt: web, Postgres replica, Upstash read region; worker as a process group)",
    before: {
      name: "acme",
      regions: ["iad", "lhr", "nrt"],
      database: { kind: "postgres", replicaRegions: ["lhr", "nrt"] },
      cache: { kind: "upstash", replicaRegions: ["nrt"] },
      worker: { kind: "process" },
    },
    after: {
      name: "acme",
      regions: ["iad", "lhr"],
      database: { kind: "postgres", replicaRegions: ["lhr"] },
      cache: { kind: "upstash", replicaRegions: [] },
      worker: { kind: "process" },
    },
    dropped: "nrt",
    removals: (state) => ["scale count 0 app=acme-web process-group=web region=nrt", ...memberRemoval(state, "nrt")],
    byHand: {
      line: "- by hand: fly redis update acme-redis",
      how: 'removes the read region(s) nrt; in a terminal it asks: unselect every region at "Choose replica regions", keep the plan it selects and answer No to every question',
      upstashAfter: [],
    },
  },
  {
    name: "drop a replica region (syd stays a web region; worker as an app)",
    before: {
      name: "acme",
      regions: ["iad", "lhr", "syd"],
      database: { kind: "postgres", replicaRegions: ["lhr", "syd"] },
      cache: { kind: "upstash", replicaRegions: ["lhr", "syd"] },
      worker: { kind: "app" },
    },
    after: {
      name: "acme",
      regions: ["iad", "lhr", "syd"],
      database: { kind: "postgres", replicaRegions: ["lhr"] },
      cache: { kind: "upstash", replicaRegions: ["lhr"] },
      worker: { kind: "app" },
    },
    dropped: "syd",
    removals: (state) => memberRemoval(state, "syd"),
    byHand: {
      line: "- by hand: fly redis update acme-redis --replica-regions lhr",
      how: "removes the read region(s) syd; in a terminal it asks: keep the plan it selects and answer No to every question",
      upstashAfter: ["lhr"],
    },
  },
  {
    name: "fewer members in the primary region (3 to 1): two of its replicas go, never the primary",
    before: {
      name: "acme",
      regions: ["iad", "lhr"],
      database: { kind: "postgres", replicaRegions: ["lhr"], primaryMembers: 3 },
      cache: { kind: "upstash", replicaRegions: [] },
      worker: { kind: "app" },
    },
    after: {
      name: "acme",
      regions: ["iad", "lhr"],
      database: { kind: "postgres", replicaRegions: ["lhr"], primaryMembers: 1 },
      cache: { kind: "upstash", replicaRegions: [] },
      worker: { kind: "app" },
    },
    removals: (state) => replicasRemoval(state, "iad", 2),
  },
];

group.each(SCENARIOS)("bootstrap.sh reconciles: $name", (scenario) => {
  let afterRepo: string;
  /** The platform the first spec made. */
  let baseline: FakeState;
  let removals: string[];
  /** The platform after an uninterrupted --prune. */
  let pruned: FakeState;

  beforeAll(async () => {
    const beforeRepo = await repoFor(scenario.before);
    afterRepo = await repoFor(scenario.after);
    const fake = new FakeFly();
    const first = await fake.run(beforeRepo);
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    baseline = fake.state();
    removals = scenario.removals(baseline);
    fake.remove();
  }, TIMEOUT_MS);

  /** The removals a run printed, and the platform it left. */
  async function runAfter(fake: FakeFly, args: string[], env: Record<string, string> = {}) {
    const attempts = fake.state().attempts;
    const done = fake.changes().length;
    const run = await fake.run(afterRepo, args, env);
    return {
      ...run,
      attempted: fake.state().attempts - attempts,
      changed: fake
        .changes()
        .slice(done)
        .map((c) => callKey(c.argv)),
      planned: plannedKeys(run.stdout, "-"),
    };
  }

  const expectByHand = (stdout: string) => {
    if (!scenario.byHand) {
      expect(stdout).not.toContain("by hand");
      return;
    }
    const lines = stdout.split("\n");
    const at = lines.indexOf(scenario.byHand.line);
    expect(at).toBeGreaterThanOrEqual(0);
    expect(lines[at + 1]).toContain(scenario.byHand.how);
    expect(stdout).toContain(
      '1 change(s) to make by hand, in a terminal (the "by hand" lines above): flyctl cannot make them from a script.',
    );
  };

  it(
    "--dry-run shows the removals with -, and changes nothing",
    async () => {
      const fake = new FakeFly(baseline);
      const dry = await runAfter(fake, ["--dry-run"]);
      expect(dry.stderr).toBe("");
      expect(dry.status).toBe(0);
      expect(dry.attempted).toBe(0);
      expect(describe(fake.state())).toEqual(describe(baseline));
      expect(dry.planned).toEqual(removals);
      expect(plannedKeys(dry.stdout, "+")).toEqual([]);
      expect(dry.stdout.match(PENDING)?.[1]).toBe(String(removals.length));
      expectByHand(dry.stdout);
    },
    TIMEOUT_MS,
  );

  it(
    "a plain run lists the removals, ending with 'run with --prune to remove them', and carries out none",
    async () => {
      const fake = new FakeFly(baseline);
      const plain = await runAfter(fake, []);
      expect(plain.stderr).toBe("");
      expect(plain.status).toBe(0);
      expect(plain.attempted).toBe(0);
      expect(describe(fake.state())).toEqual(describe(baseline));
      expect(plain.planned).toEqual(removals);
      expect(plain.stdout.match(PENDING)?.[1]).toBe(String(removals.length));
      expectByHand(plain.stdout);
    },
    TIMEOUT_MS,
  );

  it(
    "--prune carries them out: the platform is what the new spec creates, the member's volume destroyed with it",
    async () => {
      const fake = new FakeFly(baseline);
      const prune = await runAfter(fake, ["--prune"]);
      expect(prune.stderr).toBe("");
      expect(prune.status).toBe(0);
      expect(prune.changed).toEqual(removals);
      expect(prune.stdout).toContain(`Removed: ${removals.length} (the - lines above).`);
      expectByHand(prune.stdout);
      pruned = fake.state();

      const db = pruned.apps["acme-db"];
      if (scenario.dropped) {
        expect(db?.machines.filter((m) => m.region === scenario.dropped)).toEqual([]);
        expect(db?.volumes.filter((v) => v.region === scenario.dropped)).toEqual([]);
      }
      expect(db?.machines.filter((m) => m.role === "primary")).toHaveLength(1);
      expect(db?.volumes).toHaveLength(db?.machines.length ?? -1);
      // What a bootstrap of the new spec on an empty account creates, but for Upstash's read
      // regions, which only the user can change.
      const fresh = new FakeFly();
      expect((await fresh.run(afterRepo)).status).toBe(0);
      const expected = describe(fresh.state());
      const redis = expected.redis["acme-redis"];
      if (!redis) throw new Error("no Upstash database");
      redis.replicaRegions = describe(baseline).redis["acme-redis"]?.replicaRegions ?? [];
      expect(describe(pruned)).toEqual(expected);
    },
    TIMEOUT_MS,
  );

  it(
    "a second --prune changes nothing; once the user has run the by-hand command, nothing is left",
    async () => {
      const fake = new FakeFly(pruned);
      const again = await runAfter(fake, ["--prune"]);
      expect(again.status).toBe(0);
      expect(again.attempted).toBe(0);
      expect(again.planned).toEqual([]);
      expectByHand(again.stdout);

      const state = fake.state();
      const redis = state.redis["acme-redis"];
      if (!redis) throw new Error("no Upstash database");
      redis.replicaRegions = scenario.byHand?.upstashAfter ?? redis.replicaRegions;
      fake.write(state);
      const done = await runAfter(fake, ["--prune"]);
      expect(done.status).toBe(0);
      expect(done.attempted).toBe(0);
      expect(done.stdout).not.toContain("by hand");
      expect(done.stdout).toContain("Nothing to remove: Fly holds nothing that fly-ref-arch.json has dropped.");
    },
    TIMEOUT_MS,
  );

  it(
    "a --prune run failed at any of its state-changing calls, then run again, ends where an uninterrupted one ends",
    async () => {
      expect(removals.length).toBeGreaterThan(0);
      const results = await Promise.all(
        removals.map(async (_, index) => {
          const fake = new FakeFly(baseline);
          try {
            const k = index + 1;
            const failed = await runAfter(fake, ["--prune"], {
              FAKE_FLY_FAIL_AT: String(baseline.attempts + k),
            });
            // On the half-pruned platform, the plan is exactly what the rerun removes.
            const dry = await runAfter(fake, ["--dry-run", "--prune"]);
            const rerun = await runAfter(fake, ["--prune"]);
            return {
              k,
              failed: failed.status !== 0,
              beforeFailure: failed.changed,
              dry: { status: dry.status, attempted: dry.attempted, planned: dry.planned },
              rerun: { status: rerun.status, changed: rerun.changed },
              platform: describe(fake.state()),
            };
          } finally {
            fake.remove();
          }
        }),
      );
      for (const { k, failed, beforeFailure, dry, rerun, platform } of results) {
        expect({ k, failed, beforeFailure }).toEqual({ k, failed: true, beforeFailure: removals.slice(0, k - 1) });
        expect({ k, dry }).toEqual({ k, dry: { status: 0, attempted: 0, planned: rerun.changed } });
        expect({ k, rerun: rerun.status, platform }).toEqual({ k, rerun: 0, platform: describe(pruned) });
      }
    },
    TIMEOUT_MS,
  );
});

group("bootstrap.sh never removes the primary, nor the last member", () => {
  const scenario = SCENARIOS[1] as Scenario;
  let afterRepo: string;
  let baseline: FakeState;

  beforeAll(async () => {
    const beforeRepo = await repoFor(scenario.before);
    afterRepo = await repoFor(scenario.after);
    const fake = new FakeFly();
    expect((await fake.run(beforeRepo)).status).toBe(0);
    baseline = fake.state();
    fake.remove();
  }, TIMEOUT_MS);

  /** The baseline with acme-db changed by `edit`, given the id of its member in syd. */
  function baselineWith(edit: (db: FakeState["apps"][string], id: string) => void) {
    const { member } = memberIn(baseline, "syd");
    const state: FakeState = structuredClone(baseline);
    const db = state.apps["acme-db"];
    if (!db) throw new Error("no acme-db");
    edit(db, member.id);
    return { member, state };
  }

  type Db = FakeState["apps"][string];
  it.each<[string, (db: Db, id: string) => void, string]>([
    [
      "reports itself the primary (after a failover)",
      (db, id) => {
        for (const m of db.machines) m.role = m.id === id ? "primary" : "replica";
      },
      "its role is primary",
    ],
    [
      "has a role check that does not pass: flyctl reads no role from it",
      (db, id) => {
        for (const m of db.machines) if (m.id === id) m.roleStatus = "critical";
      },
      "its role is unknown (its role check is critical)",
    ],
  ])(
    "keeps a member in a dropped region that %s",
    async (_, edit, why) => {
      const { member, state } = baselineWith(edit);
      const fake = new FakeFly(state);
      const run = await fake.run(afterRepo, ["--prune"]);
      expect(run.status).toBe(0);
      expect(fake.state().attempts).toBe(baseline.attempts);
      expect(run.stdout).toContain(`note: keeps member ${member.id} in syd: ${why}, and only a replica is removed`);
      expect(describe(fake.state())).toEqual(describe(state));
    },
    TIMEOUT_MS,
  );

  it(
    "keeps the last member, a replica, when no member reports itself the primary",
    async () => {
      // A platform bootstrap's additions would not leave (they clone the primary region's members
      // from one there): the removal step alone, as a --prune run calls it.
      const { member, state } = baselineWith((db, id) => {
        db.machines = db.machines.filter((m) => m.id === id);
        db.volumes = db.volumes.filter((v) => v.machine === id);
      });
      const fake = new FakeFly(state);
      const run = await fake.source(afterRepo, "FLY=fly DRY_RUN=0 PRUNE=1 && prune_postgres && report_removals");
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);
      expect(run.stdout).toContain(
        `note: keeps member ${member.id} in syd: no member reports itself the primary, so none is removed`,
      );
      expect(fake.state().attempts).toBe(baseline.attempts);
      expect(describe(fake.state())).toEqual(describe(state));
    },
    TIMEOUT_MS,
  );
});

group("bootstrap.sh and Upstash read regions the spec adds to an existing database", () => {
  const before: PartialSpec = {
    name: "acme",
    regions: ["iad", "lhr", "syd"],
    database: { kind: "none" },
    cache: { kind: "upstash", replicaRegions: ["syd"] },
    worker: { kind: "process" },
  };
  let baseline: FakeState;

  beforeAll(async () => {
    const fake = new FakeFly();
    expect((await fake.run(await repoFor(before))).status).toBe(0);
    baseline = fake.state();
    fake.remove();
  }, TIMEOUT_MS);

  type Regions = NonNullable<PartialSpec["regions"]>;
  it.each<{ replicaRegions: Regions; line: string; how: string }>([
    { replicaRegions: ["syd", "lhr"], line: "+ by hand", how: "adds the read region(s) lhr" },
    {
      replicaRegions: ["lhr"],
      line: "- by hand",
      how: "adds the read region(s) lhr and removes the read region(s) syd",
    },
  ])(
    "to $replicaRegions: '$line' says what to run, nothing changes, and once it is run nothing is left",
    async ({ replicaRegions, line, how }) => {
      const repo = await repoFor({ ...before, cache: { kind: "upstash", replicaRegions } });
      const fake = new FakeFly(baseline);
      try {
        const run = await fake.run(repo, ["--prune"]);
        expect(run.stderr).toBe("");
        expect(run.status).toBe(0);
        expect(fake.state().attempts).toBe(baseline.attempts);
        const lines = run.stdout.split("\n");
        const at = lines.indexOf(`${line}: fly redis update acme-redis --replica-regions ${replicaRegions.join(",")}`);
        expect(at, run.stdout).toBeGreaterThanOrEqual(0);
        expect(lines[at + 1]).toBe(
          `    ${how}; in a terminal it asks: keep the plan it selects and answer No to every question, which leaves the other settings as they are`,
        );
        expect(run.stdout).toContain('1 change(s) to make by hand, in a terminal (the "by hand" lines above)');

        const state = fake.state();
        const redis = state.redis["acme-redis"];
        if (!redis) throw new Error("no Upstash database");
        redis.replicaRegions = replicaRegions;
        fake.write(state);
        const done = await fake.run(repo, ["--prune"]);
        expect(done.status).toBe(0);
        expect(done.stdout).not.toContain("by hand");
        expect(done.stdout).toContain("ok: acme-redis has the spec's read regions");
      } finally {
        fake.remove();
      }
    },
    TIMEOUT_MS,
  );
});
