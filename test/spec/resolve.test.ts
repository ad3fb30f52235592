import { describe, expect, it } from "vitest";
import { DEFAULT_REGIONS } from "../../generators/base/options.js";
import { defaultReplicaRegions } from "../../generators/database/spec.js";
import { defaultQueue } from "../../generators/worker/spec.js";
import { mergeSpecs, type PartialSpec, withDerivedDefaults } from "../../src/spec/resolve.js";
import { validateSpec } from "../../src/spec/validate.js";

function resolved(answers: PartialSpec) {
  const result = validateSpec(withDerivedDefaults(answers));
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.spec;
}

describe("withDerivedDefaults", () => {
  it("gives the seed's architecture from a name alone", () => {
    expect(resolved({ name: "acme" })).toEqual({
      version: 1,
      name: "acme",
      org: "personal",
      primaryRegion: "iad",
      regions: ["iad", "lhr", "nrt"],
      web: {
        port: 3000,
        machinesPerRegion: 1,
        autoStop: "suspend",
        minMachinesRunning: 1,
        swapSizeMb: 0,
        vm: { cpuKind: "shared", cpus: 1, memoryMb: 512 },
      },
      database: {
        kind: "postgres",
        replicaRegions: ["lhr"],
        volumeSizeGb: 10,
        mpgPlan: "basic",
        primaryMembers: 3,
        vm: { cpuKind: "shared", cpus: 1, memoryMb: 1024 },
      },
      cache: {
        kind: "upstash",
        replicaRegions: [],
        volumeSizeGb: 1,
        vm: { cpuKind: "shared", cpus: 1, memoryMb: 512 },
      },
      worker: { kind: "app", queue: "postgres", count: 1, vm: { cpuKind: "shared", cpus: 1, memoryMb: 512 } },
      storage: { kind: "none" },
      environments: {},
      previews: false,
      packageManager: "npm",
    });
    expect(DEFAULT_REGIONS).toEqual(["iad", "lhr", "nrt"]);
  });

  it("names a Tigris bucket after the project unless the spec names it", () => {
    expect(resolved({ name: "acme", storage: { kind: "tigris" } }).storage).toEqual({
      kind: "tigris",
      bucket: "acme-files",
    });
    expect(resolved({ name: "acme", storage: { kind: "tigris", bucket: "acme-media-2" } }).storage.bucket).toBe(
      "acme-media-2",
    );
  });

  it("makes the first region the primary and puts one replica in the next", () => {
    const spec = resolved({ name: "acme", regions: ["syd", "sin", "nrt"] });
    expect(spec.primaryRegion).toBe("syd");
    expect(spec.database.replicaRegions).toEqual(["sin"]);
  });

  it("skips the primary when choosing the replica", () => {
    expect(resolved({ name: "acme", regions: ["syd", "sin"], primaryRegion: "sin" }).database.replicaRegions).toEqual([
      "syd",
    ]);
  });

  it("has no replica with one region, with Managed Postgres or without a database", () => {
    expect(resolved({ name: "acme", regions: ["lhr"] }).database.replicaRegions).toEqual([]);
    expect(resolved({ name: "acme", database: { kind: "mpg" } }).database.replicaRegions).toEqual([]);
    expect(resolved({ name: "acme", database: { kind: "none" } }).database.replicaRegions).toEqual([]);
  });

  it("keeps replica regions that were given, even an empty list", () => {
    expect(resolved({ name: "acme", database: { replicaRegions: [] } }).database.replicaRegions).toEqual([]);
    expect(resolved({ name: "acme", database: { replicaRegions: ["nrt", "lhr"] } }).database.replicaRegions).toEqual([
      "nrt",
      "lhr",
    ]);
  });

  it("puts the queue where a backend exists, and drops the worker when there is none", () => {
    expect(resolved({ name: "acme", database: { kind: "none" } }).worker).toMatchObject({
      kind: "app",
      queue: "redis",
    });
    expect(resolved({ name: "acme", cache: { kind: "none" } }).worker).toMatchObject({
      kind: "app",
      queue: "postgres",
    });
    expect(resolved({ name: "acme", database: { kind: "none" }, cache: { kind: "none" } }).worker.kind).toBe("none");
  });

  it("keeps what was given over what it would derive", () => {
    const spec = resolved({
      name: "acme",
      primaryRegion: "nrt",
      worker: { kind: "process", queue: "redis" },
      cache: { kind: "redis-app" },
    });
    expect(spec.primaryRegion).toBe("nrt");
    expect(spec.database.replicaRegions).toEqual(["iad"]);
    expect(spec.worker).toMatchObject({ kind: "process", queue: "redis" });
  });

  it("does not change its input", () => {
    const answers: PartialSpec = { name: "acme", database: { kind: "postgres" } };
    withDerivedDefaults(answers);
    expect(answers).toEqual({ name: "acme", database: { kind: "postgres" } });
  });
});

describe("defaultReplicaRegions and defaultQueue", () => {
  it("picks the first region that is not the primary", () => {
    expect(defaultReplicaRegions(["iad", "lhr", "nrt"], "iad")).toEqual(["lhr"]);
    expect(defaultReplicaRegions(["iad", "lhr", "nrt"], "lhr")).toEqual(["iad"]);
    expect(defaultReplicaRegions(["iad"], "iad")).toEqual([]);
  });

  it.each([
    ["postgres", "upstash", "postgres"],
    ["postgres", "none", "postgres"],
    ["mpg", "redis-app", "postgres"],
    ["none", "upstash", "redis"],
    ["none", "redis-app", "redis"],
    ["none", "none", "postgres"],
  ])("database %s + cache %s → queue %s", (database, cache, queue) => {
    expect(defaultQueue({ database, cache })).toBe(queue);
  });
});

describe("mergeSpecs", () => {
  it("merges objects key by key; arrays and scalars from the second replace the first's", () => {
    const file: PartialSpec = {
      name: "acme",
      regions: ["iad", "lhr"],
      database: { kind: "postgres", replicaRegions: ["lhr"], volumeSizeGb: 20 },
      web: { vm: { memoryMb: 1024 } },
    };
    const flags: PartialSpec = { regions: ["iad", "syd"], database: { replicaRegions: ["syd"] }, web: { port: 8080 } };
    expect(mergeSpecs(file, flags)).toEqual({
      name: "acme",
      regions: ["iad", "syd"],
      database: { kind: "postgres", replicaRegions: ["syd"], volumeSizeGb: 20 },
      web: { vm: { memoryMb: 1024 }, port: 8080 },
    });
    expect(file.regions).toEqual(["iad", "lhr"]);
  });

  it("ignores undefined values and lets an empty list replace a full one", () => {
    expect(mergeSpecs({ name: "acme", regions: ["iad"] }, { name: undefined, regions: [] })).toEqual({
      name: "acme",
      regions: [],
    });
  });
});

describe("withDerivedDefaults with values of the wrong shape", () => {
  const problemsOf = (answers: unknown) => {
    const result = validateSpec(withDerivedDefaults(answers as PartialSpec));
    return result.ok ? [] : result.problems.map((p) => `${p.path.join(".")}: ${p.message}`);
  };

  it.each([
    ["a list", []],
    ["a string", "postgres"],
    ["null", null],
  ])("reports a section given as %s where it stands, instead of filling it in", (_label, value) => {
    for (const section of ["database", "cache", "worker"]) {
      const problems = problemsOf({ name: "acme", [section]: value });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(new RegExp(`^${section}: expected an object, got `));
    }
  });

  it("reports regions given as a string, without deriving a primary region from its letters", () => {
    expect(problemsOf({ name: "acme", regions: "iad" })).toEqual([
      "primaryRegion: is required",
      `regions: expected a list, got "iad"`,
    ]);
  });
});
