/**
 * Environments besides production: their cheap defaults, their overrides judged by production's
 * rules as whole specs, their names, and bad input through the built CLI (exit 2, nothing written).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { environmentsOf } from "../../generators/environments/environments.js";
import { flyApps } from "../../src/cli/summary.js";
import { mergeSpecs, type PartialSpec, withDerivedDefaults } from "../../src/spec/resolve.js";
import type { Spec } from "../../src/spec/schema.js";
import { formatPath, validateSpec } from "../../src/spec/validate.js";
import { runCli } from "../helpers/cli.js";
import { BASE } from "../helpers/spec-cases.js";
import { listing, tempDirs } from "../helpers/tmp.js";

const tempDir = tempDirs();

function resolved(over: PartialSpec): Spec {
  const result = validateSpec(withDerivedDefaults(mergeSpecs(BASE, over)));
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.spec;
}

/** Bad input is not a PartialSpec: it is given as any object, the way a spec file gives it. */
function problems(over: object): string[] {
  const result = validateSpec(withDerivedDefaults(mergeSpecs(BASE, over as PartialSpec)));
  return result.ok ? [] : result.problems.map((p) => `${formatPath(p.path)}: ${p.message}`);
}

const SMALLEST = { cpuKind: "shared", cpus: 1, memoryMb: 256 };

describe("environmentsOf", () => {
  it("is production alone when the spec has no environments (the default)", () => {
    const spec = resolved({});
    expect(spec.environments).toEqual({});
    expect(environmentsOf(spec)).toEqual([{ name: "production", spec }]);
  });

  it("gives an environment with no values the cheap defaults, and apps named <name>-<env>-<role>", () => {
    const spec = resolved({ environments: { staging: {} } });
    const [production, staging] = environmentsOf(spec);
    expect(production).toEqual({ name: "production", spec });
    expect(staging?.name).toBe("staging");
    expect(staging?.spec).toMatchObject({
      regions: ["iad"],
      primaryRegion: "iad",
      apps: {
        web: "acme-staging-web",
        worker: "acme-staging-worker",
        db: "acme-staging-db",
        redis: "acme-staging-redis",
      },
      web: { machinesPerRegion: 1, minMachinesRunning: 0, vm: SMALLEST, port: 3000, autoStop: "suspend" },
      database: {
        kind: "postgres",
        replicaRegions: [],
        primaryMembers: 1,
        mpgPlan: "basic",
        volumeSizeGb: 1,
        vm: SMALLEST,
      },
      cache: { kind: "upstash", replicaRegions: [], vm: SMALLEST },
      worker: { kind: "app", count: 1, vm: SMALLEST },
      environments: {},
    });
    // Production keeps its own values.
    expect(spec).toMatchObject({
      database: { replicaRegions: ["lhr"], primaryMembers: 3 },
      web: { minMachinesRunning: 1 },
    });
  });

  it("takes the values an environment sets over the cheap ones", () => {
    const spec = resolved({
      environments: {
        qa: {
          regions: ["lhr", "iad"],
          primaryRegion: "lhr",
          web: { machinesPerRegion: 2, minMachinesRunning: 1, vm: { memoryMb: 512 } },
          database: { replicaRegions: ["iad"], primaryMembers: 3, volumeSizeGb: 5, vm: { cpus: 2, memoryMb: 1024 } },
          cache: { replicaRegions: ["iad"] },
          worker: { count: 2, vm: { memoryMb: 1024 } },
        },
      },
    });
    expect(environmentsOf(spec)[1]?.spec).toMatchObject({
      regions: ["lhr", "iad"],
      primaryRegion: "lhr",
      web: { machinesPerRegion: 2, minMachinesRunning: 1, vm: { cpuKind: "shared", cpus: 1, memoryMb: 512 } },
      database: { replicaRegions: ["iad"], primaryMembers: 3, volumeSizeGb: 5, vm: { cpus: 2, memoryMb: 1024 } },
      cache: { replicaRegions: ["iad"] },
      worker: { count: 2, vm: { memoryMb: 1024 } },
    });
  });

  it("puts the primary region in production's primary when the environment's regions hold it, else in its first", () => {
    expect(environmentsOf(resolved({ environments: { a: { regions: ["lhr", "iad"] } } }))[1]?.spec.primaryRegion).toBe(
      "iad",
    );
    expect(environmentsOf(resolved({ environments: { a: { regions: ["nrt", "lhr"] } } }))[1]?.spec.primaryRegion).toBe(
      "nrt",
    );
  });

  it("lists every environment's apps among the apps bootstrap creates", () => {
    const spec = resolved({ environments: { staging: {} }, database: { kind: "mpg" }, cache: { kind: "redis-app" } });
    expect(flyApps(spec)).toEqual([
      "acme-web",
      "acme-redis",
      "acme-worker",
      "acme-staging-web",
      "acme-staging-redis",
      "acme-staging-worker",
    ]);
  });
});

describe("bad environments", () => {
  it.each<[string, object, string]>([
    [
      "a name with capitals",
      { environments: { Staging: {} } },
      `environments.Staging: "Staging" must start with a lowercase letter`,
    ],
    [
      "a name with a dot",
      { environments: { "st.age": {} } },
      `environments.st.age: "st.age" may contain only lowercase letters, digits and dashes`,
    ],
    ["a name ending in a dash", { environments: { "qa-": {} } }, `environments.qa-: "qa-" must not end with a dash`],
    [
      "production as an environment",
      { environments: { production: {} } },
      `environments.production: "production" is the spec's top level, not an entry of environments; name the others (e.g. "staging")`,
    ],
    [
      "worker, whose web config would be the worker app's",
      { environments: { worker: {} } },
      `environments.worker: "worker" would name its web app's config fly.worker.toml, the worker app's; choose another name`,
    ],
    [
      "a name that makes an app name too long",
      { name: "a".repeat(30), environments: { ["s".repeat(26)]: {} } },
      `environments.${"s".repeat(26)}: "${"s".repeat(26)}" makes the app name "${"a".repeat(30)}-${"s".repeat(26)}-worker" 64 characters long; Fly allows 63, so this project's environment names may have at most 25`,
    ],
    [
      "a name whose app is one of production's",
      { apps: { web: "acme-qa-web" }, environments: { qa: {} } },
      `environments.qa: "qa" names its web app "acme-qa-web", already the name of an app of production; rename the environment or that app`,
    ],
    [
      "a region that is not one",
      { environments: { staging: { regions: ["sea"] } } },
      `environments.staging.regions[0]: "sea" (Seattle) is a retired Fly region; use "sjc" (San Jose, California (US)) instead`,
    ],
    [
      "no regions",
      { environments: { staging: { regions: [] } } },
      "environments.staging.regions: at least one region is required",
    ],
    [
      "a primary outside its regions",
      { environments: { staging: { regions: ["iad"], primaryRegion: "lhr" } } },
      `environments.staging.primaryRegion: "lhr" is not one of the regions (iad); the primary must be one of them`,
    ],
    [
      "a replica outside its regions",
      { environments: { staging: { database: { replicaRegions: ["lhr"] } } } },
      `environments.staging.database.replicaRegions[0]: "lhr" is not one of the web regions; allowed: none (add regions first)`,
    ],
    [
      "a Redis replica outside its regions",
      { environments: { staging: { regions: ["iad", "lhr"], cache: { replicaRegions: ["nrt"] } } } },
      `environments.staging.cache.replicaRegions[0]: "nrt" is not one of the web regions; allowed: lhr`,
    ],
    [
      "more Machines running than it has",
      { environments: { staging: { web: { minMachinesRunning: 2 } } } },
      "environments.staging.web.minMachinesRunning: 2 is more than machinesPerRegion (1)",
    ],
    [
      "too many Machines",
      { environments: { staging: { web: { machinesPerRegion: 21 } } } },
      "environments.staging.web.machinesPerRegion: 21 is too large; allowed: 1 to 20",
    ],
    [
      "a bad plan",
      { environments: { staging: { database: { mpgPlan: "gold" } } } },
      `environments.staging.database.mpgPlan: "gold" is not allowed; allowed: "basic", "starter", "launch", "scale", "performance"`,
    ],
    [
      "two Postgres members",
      { environments: { staging: { database: { primaryMembers: 2 } } } },
      "environments.staging.database.primaryMembers: 2 is not allowed; allowed: 1, 3",
    ],
    [
      "a Machine size Fly does not sell",
      { environments: { staging: { worker: { vm: { cpus: 2 } } } } },
      "environments.staging.worker.vm.memoryMb: 256 MB is outside 512 to 4096 MB, the range for 2 shared CPUs",
    ],
    [
      "a worker count of 0",
      { environments: { staging: { worker: { count: 0 } } } },
      "environments.staging.worker.count: 0 is too small; allowed: 1 to 20",
    ],
    [
      "Managed Postgres in a region it is not offered in",
      { database: { kind: "mpg" }, environments: { staging: { regions: ["jnb"] } } },
      `environments.staging.primaryRegion: Managed Postgres ("mpg") is not offered in "jnb"; its regions: ams, fra, gru, iad, lax, lhr, nrt, ord, sin, sjc, syd, yyz`,
    ],
    [
      "a field production has but an environment does not set",
      { environments: { staging: { web: { port: 8080 } } } },
      `environments.staging.web.port: unknown field "port"; allowed: machinesPerRegion, minMachinesRunning, vm`,
    ],
    [
      "an unknown field",
      { environments: { staging: { org: "other" } } },
      `environments.staging.org: unknown field "org"; allowed: regions, primaryRegion, web, database, cache, worker`,
    ],
    ["environments as a list", { environments: ["staging"] }, `environments: expected an object, got ["staging"]`],
    [
      "storage, which each environment would share",
      { storage: { kind: "tigris" }, environments: { staging: {} } },
      `environments: environments (staging) would share production's bucket: storage "tigris" has no environments yet; use storage "none", or no environments`,
    ],
  ])("refuses %s", (_, over, message) => {
    expect(problems(over)).toEqual([message]);
  });
});

describe("--environments through the built CLI", () => {
  const FLAGS = [
    "--regions",
    "iad,lhr",
    "--database",
    "postgres",
    "--cache",
    "upstash",
    "--worker",
    "app",
    "--no-install",
    "--no-git",
  ];

  it("adds each environment with the cheap defaults to fly-ref-arch.json", async () => {
    const cwd = tempDir();
    const run = await runCli(["acme", ...FLAGS, "--environments", "staging,qa", "--yes"], { cwd, timeout: 60_000 });
    expect(run.exitCode, run.stderr).toBe(0);
    const written = JSON.parse(readFileSync(join(cwd, "acme", "fly-ref-arch.json"), "utf8"));
    expect(Object.keys(written.environments)).toEqual(["staging", "qa"]);
    expect(written.environments.staging).toMatchObject({
      web: { machinesPerRegion: 1, minMachinesRunning: 0, vm: SMALLEST },
      database: { replicaRegions: [], primaryMembers: 1 },
    });
  });

  it.each<[string, string[], string]>([
    ["a bad name", ["--environments", "Staging"], `--environments: "Staging" must start with a lowercase letter`],
    ["production", ["--environments", "staging,production"], `--environments: "production" is the spec's top level`],
    ["an empty entry", ["--environments", "staging,,qa"], `--environments: "staging,,qa" has an empty entry`],
  ])("exits 2 on %s, naming the flag and the value, and writes nothing", async (_, args, message) => {
    const cwd = tempDir();
    const run = await runCli(["acme", ...FLAGS, ...args, "--yes"], { cwd });
    expect(run.exitCode, run.stderr).toBe(2);
    expect(run.stderr).toContain(message);
    expect(listing(cwd)).toEqual([]);
  });

  it("lists --environments in --help", async () => {
    const run = await runCli(["--help"], { cwd: tempDir() });
    expect(run.stdout).toMatch(/--environments <a,b>\s+environments besides production/);
  });
});

describe("regenerate with environments", () => {
  const FLAGS = ["--regions", "iad,lhr", "--no-install", "--no-git", "--yes"];

  async function created(): Promise<string> {
    const cwd = tempDir();
    const run = await runCli(["acme", ...FLAGS], { cwd, timeout: 60_000 });
    expect(run.exitCode, run.stderr).toBe(0);
    return join(cwd, "acme");
  }

  function editSpec(dir: string, environments: unknown): void {
    const file = join(dir, "fly-ref-arch.json");
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, "utf8")), environments }));
  }

  it("takes an environment added to an existing project's spec", async () => {
    const dir = await created();
    editSpec(dir, { staging: {} });
    const run = await runCli(["regenerate"], { cwd: dir, timeout: 60_000 });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, "fly-ref-arch.json"), "utf8")).environments).toEqual({ staging: {} });
    expect(readFileSync(join(dir, "fly.staging.toml"), "utf8")).toContain('app = "acme-staging-web"');
    expect((await runCli(["regenerate", "--check"], { cwd: dir, timeout: 60_000 })).exitCode).toBe(0);

    // Dropped again, its configs go: regenerate knows them as its own files.
    editSpec(dir, {});
    const dropped = await runCli(["regenerate"], { cwd: dir, timeout: 60_000 });
    expect(dropped.exitCode, dropped.stderr).toBe(0);
    expect(existsSync(join(dir, "fly.staging.toml"))).toBe(false);
    expect(existsSync(join(dir, "fly.worker.staging.toml"))).toBe(false);
  });

  it("refuses a bad one with exit 2, naming the file, the field and the value, and writes nothing", async () => {
    const dir = await created();
    editSpec(dir, { staging: { regions: ["iad"], database: { replicaRegions: ["lhr"] } } });
    const before = listing(dir);
    const run = await runCli(["regenerate"], { cwd: dir, timeout: 60_000 });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(
      `fly-ref-arch.json: environments.staging.database.replicaRegions[0]: "lhr" is not one of the web regions`,
    );
    expect(listing(dir)).toEqual(before);
  });
});
