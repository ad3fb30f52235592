import { describe, expect, it } from "vitest";
import { NAME_MAX } from "../../generators/base/options.js";
import { appNames } from "../../generators/base/spec.js";
import { MPG_REGIONS } from "../../generators/database/options.js";
import { REGION_CODES, RETIRED_REGIONS } from "../../src/spec/regions.js";
import { mergeSpecs, type PartialSpec } from "../../src/spec/resolve.js";
import { formatPath, validateFields, validateSpec } from "../../src/spec/validate.js";
import { BASE, VALID_SPECS } from "../helpers/spec-cases.js";

/** Every problem as "path: message", the way the CLI shows it. */
function problems(input: unknown): string[] {
  const result = validateSpec(input);
  return result.ok ? [] : result.problems.map((p) => `${formatPath(p.path)}: ${p.message}`);
}

const spec = (over: PartialSpec) => mergeSpecs(BASE, over);

const CURRENT = "ams, arn, cdg, dfw, ewr, fra, gru, iad, jnb, lax, lhr, nrt, ord, sin, sjc, syd, yyz";

describe("valid specs", () => {
  it.each(Object.entries(VALID_SPECS))("accepts %s", (_, input) => {
    expect(problems(input)).toEqual([]);
  });

  it("fills static defaults: version 1, org personal, shared-cpu-1x with 512 MB, npm", () => {
    const result = validateSpec(BASE);
    if (!result.ok) throw new Error("BASE is valid");
    expect(result.spec).toMatchObject({
      version: 1,
      org: "personal",
      web: { port: 3000, autoStop: "suspend", vm: { cpuKind: "shared", cpus: 1, memoryMb: 512 } },
      packageManager: "npm",
    });
  });
});

describe("name", () => {
  it.each([
    ["Acme", `name: "Acme" must start with a lowercase letter`],
    ["1acme", `name: "1acme" must start with a lowercase letter`],
    ["-acme", `name: "-acme" must start with a lowercase letter`],
    ["my_app", `name: "my_app" may contain only lowercase letters, digits and dashes`],
    ["my.app", `name: "my.app" may contain only lowercase letters, digits and dashes`],
    ["acme-", `name: "acme-" must not end with a dash`],
    ["a--b", `name: "a--b" must not contain two dashes in a row`],
    ["", `name: "" must not be empty`],
    ["a".repeat(NAME_MAX + 1), `name: "${"a".repeat(31)}" is 31 characters long; at most 30 are allowed`],
  ])("refuses %j", (name, message) => {
    expect(problems({ ...BASE, name })).toEqual([message]);
  });

  it("allows at most 30 characters, so `<name>-worker` and DNS prefixes fit", () => {
    expect(NAME_MAX).toBe(30);
    expect(problems({ ...BASE, name: "a".repeat(30) })).toEqual([]);
  });

  it("must be a string and is required", () => {
    expect(problems({ ...BASE, name: 5 })).toEqual(["name: expected a string, got 5"]);
    const { name: _, ...nameless } = BASE;
    expect(problems(nameless)).toEqual(["name: is required"]);
  });

  it("applies the same label rules to org and to app name overrides", () => {
    expect(problems(spec({ org: "My Org" }))).toEqual([`org: "My Org" must start with a lowercase letter`]);
    expect(problems(spec({ apps: { db: "pg--main" } }))).toEqual([
      `apps.db: "pg--main" must not contain two dashes in a row`,
    ]);
  });

  it("derives the Fly app names, unless `apps` overrides one", () => {
    expect(appNames({ name: "acme" })).toEqual({
      web: "acme-web",
      worker: "acme-worker",
      db: "acme-db",
      redis: "acme-redis",
    });
    expect(appNames({ name: "acme", apps: { db: "shared-pg" } }).db).toBe("shared-pg");
  });
});

describe("app names", () => {
  const clash = (name: string, what: string) =>
    `"${name}" is also the name of ${what}; each Fly app, database and Redis needs a name of its own`;

  it("are unique across the web app, the worker app, the database and the Redis", () => {
    expect(problems(spec({ apps: { web: "shared", worker: "shared", db: "shared", redis: "shared" } }))).toEqual([
      `apps.worker: ${clash("shared", "the web app (apps.web)")}`,
      `apps.db: ${clash("shared", "the web app (apps.web)")}`,
      `apps.redis: ${clash("shared", "the web app (apps.web)")}`,
    ]);
    expect(problems(spec({ apps: { db: "cache", redis: "cache" } }))).toEqual([
      `apps.redis: ${clash("cache", "the database (apps.db)")}`,
    ]);
  });

  it("a given name that equals a derived one is reported where it was given", () => {
    const name = BASE.name;
    expect(problems(spec({ apps: { db: `${name}-web` } }))).toEqual([
      `apps.db: ${clash(`${name}-web`, `the web app (derived from name "${name}")`)}`,
    ]);
    expect(problems(spec({ apps: { web: `${name}-redis` } }))).toEqual([
      `apps.web: ${clash(`${name}-redis`, `the Redis (derived from name "${name}")`)}`,
    ]);
  });

  it("count only what the spec provisions", () => {
    expect(problems(spec({ apps: { web: "x", worker: "x" }, worker: { kind: "process" } }))).toEqual([]);
    expect(
      problems(spec({ apps: { web: "x", db: "x" }, database: { kind: "none" }, worker: { queue: "redis" } })),
    ).toEqual([]);
    expect(problems(spec({ apps: { web: "x", redis: "x" }, cache: { kind: "none" } }))).toEqual([]);
    expect(problems(spec({ apps: { web: "x", db: "x" }, database: { kind: "mpg" } }))).toEqual([
      `apps.db: ${clash("x", "the web app (apps.web)")}`,
    ]);
  });
});

describe("regions", () => {
  it("are exactly Fly's 18 current regions", () => {
    expect(REGION_CODES.join(", ")).toBe(CURRENT);
  });

  it.each(REGION_CODES)("accepts %s as web region and primary", (code) => {
    expect(problems({ ...BASE, regions: [code], primaryRegion: code })).toEqual([]);
  });

  it.each([
    ["sea", `"sea" (Seattle) is a retired Fly region; use "sjc" (San Jose, California (US)) instead`],
    ["mia", `"mia" (Miami) is a retired Fly region; use "iad" (Ashburn, Virginia (US)) instead`],
    ["hkg", `"hkg" (Hong Kong) is a retired Fly region; use "sin" (Singapore, Singapore) instead`],
    ["yul", `"yul" (Montreal) is a retired Fly region; use "yyz" (Toronto, Canada) instead`],
    ["bom", `"bom" (Mumbai) is a retired Fly region; use "sin" (Singapore, Singapore) instead`],
    ["maa", `"maa" (Chennai) is a retired Fly region; use "sin" (Singapore, Singapore) instead`],
    ["dxb", `"dxb" (Dubai (edge only)) is a retired Fly region; use "sin" (Singapore, Singapore) instead`],
  ])("refuses the retired %s, naming the current alternative", (code, message) => {
    expect(problems({ ...BASE, regions: ["iad", code] })).toEqual([`regions[1]: ${message}`]);
    expect(problems({ ...BASE, regions: [code], primaryRegion: code })).toEqual([
      `primaryRegion: ${message}`,
      `regions[0]: ${message}`,
    ]);
    expect(problems(spec({ database: { replicaRegions: [code as never] } }))).toEqual([
      `database.replicaRegions[0]: ${message}`,
    ]);
  });

  it("has the 17 regions that take new resources", () => {
    expect(REGION_CODES).toHaveLength(17);
  });

  it("maps every retired code to a current region", () => {
    for (const [code, { use }] of Object.entries(RETIRED_REGIONS)) {
      expect(REGION_CODES).not.toContain(code);
      expect(REGION_CODES).toContain(use);
    }
  });

  it.each(["xyz", "IAD", ""])("refuses the unknown code %j with the allowed list", (code) => {
    expect(problems({ ...BASE, regions: ["iad", code] })).toEqual([
      `regions[1]: "${code}" is not a Fly region; allowed: ${CURRENT}`,
    ]);
  });

  it("refuses duplicates, an empty list and a string", () => {
    expect(problems({ ...BASE, regions: ["iad", "lhr", "iad"] })).toEqual([`regions[2]: "iad" is listed twice`]);
    expect(problems({ ...BASE, regions: [] })).toEqual(["regions: at least one region is required"]);
    expect(problems({ ...BASE, regions: "iad" })).toEqual([`regions: expected a list, got "iad"`]);
  });

  it("needs the primary among the regions", () => {
    expect(problems({ ...BASE, primaryRegion: "syd" })).toEqual([
      `primaryRegion: "syd" is not one of the regions (iad, lhr, nrt); the primary must be one of them`,
    ]);
  });
});

describe("replica regions", () => {
  it.each(["database", "cache"] as const)("%s replicas: web regions other than the primary, each once", (section) => {
    const at = `${section}.replicaRegions`;
    expect(problems(spec({ [section]: { replicaRegions: ["lhr", "lhr"] } }))).toEqual([
      `${at}[1]: "lhr" is listed twice`,
    ]);
    expect(problems(spec({ [section]: { replicaRegions: ["iad"] } }))).toEqual([
      `${at}[0]: "iad" is the primary region; replicas go to the other regions (lhr, nrt)`,
    ]);
    expect(problems(spec({ [section]: { replicaRegions: ["lhr", "syd"] } }))).toEqual([
      `${at}[1]: "syd" is not one of the web regions; allowed: lhr, nrt`,
    ]);
  });

  it("says so when there is no other region to replicate to", () => {
    expect(problems(spec({ regions: ["iad"], database: { replicaRegions: ["lhr"] } }))).toEqual([
      `database.replicaRegions[0]: "lhr" is not one of the web regions; allowed: none (add regions first)`,
    ]);
  });

  it("needs a database, and only Upstash replicates the cache", () => {
    expect(problems(spec({ database: { kind: "none", replicaRegions: ["lhr"] }, worker: { kind: "none" } }))).toEqual([
      `database.replicaRegions: read replicas (lhr) need a database; database is "none"`,
    ]);
    expect(problems(spec({ cache: { kind: "redis-app", replicaRegions: ["lhr"] } }))).toEqual([
      `cache.replicaRegions: only cache "upstash" has read replicas (lhr); cache is "redis-app"`,
    ]);
  });
});

describe("Managed Postgres", () => {
  it("has no cross-region replicas", () => {
    expect(problems(spec({ database: { kind: "mpg", replicaRegions: ["lhr"] } }))).toEqual([
      `database.replicaRegions: Managed Postgres ("mpg") has no cross-region read replicas (lhr); use database "postgres" for replicas, or no replica regions`,
    ]);
  });

  it.each(MPG_REGIONS)("is offered with the primary in %s", (code) => {
    expect(problems({ name: "acme", regions: [code], primaryRegion: code, database: { kind: "mpg" } })).toEqual([]);
  });

  it.each(REGION_CODES.filter((r) => !MPG_REGIONS.includes(r)))("is refused with the primary in %s", (code) => {
    expect(problems({ name: "acme", regions: [code], primaryRegion: code, database: { kind: "mpg" } })).toEqual([
      `primaryRegion: Managed Postgres ("mpg") is not offered in "${code}"; its regions: ${MPG_REGIONS.join(", ")}`,
    ]);
  });
});

describe("storage", () => {
  it("takes tigris or none, and a bucket only with tigris", () => {
    expect(problems(mergeSpecs(BASE, { storage: { kind: "s3" } } as unknown as PartialSpec))).toEqual([
      `storage.kind: "s3" is not allowed; allowed: "tigris", "none"`,
    ]);
    expect(problems(spec({ storage: { kind: "none", bucket: "acme-files" } }))).toEqual([
      `storage.bucket: a bucket is for storage "tigris"; storage is "none"`,
    ]);
    expect(problems(spec({ storage: { kind: "tigris", bucket: "acme-files" } }))).toEqual([]);
  });

  it.each([
    ["ab", `storage.bucket: "ab" is too short for a Tigris bucket: at least 3 characters`],
    ["acme.files", `storage.bucket: "acme.files" may contain only lowercase letters, digits and dashes`],
    ["Acme", `storage.bucket: "Acme" must start with a lowercase letter`],
    ["a".repeat(64), `storage.bucket: "${"a".repeat(64)}" is 64 characters long; at most 63 are allowed`],
  ])("refuses the bucket name %s, saying why", (bucket, message) => {
    expect(problems(spec({ storage: { kind: "tigris", bucket } }))).toEqual([message]);
  });
});

describe("Upstash plan", () => {
  it("is for cache upstash only", () => {
    expect(problems(spec({ cache: { kind: "redis-app", upstashPlan: "Fixed 1GB" } }))).toEqual([
      `cache.upstashPlan: a plan is for cache "upstash"; cache is "redis-app"`,
    ]);
    expect(problems(spec({ cache: { kind: "upstash", upstashPlan: "Fixed 1GB" } }))).toEqual([]);
  });
});

describe("web autoStop", () => {
  it('allows "suspend" below 2048 MB only', () => {
    expect(problems(spec({ web: { vm: { memoryMb: 1792 } } }))).toEqual([]);
    expect(problems(spec({ web: { vm: { memoryMb: 2048 } } }))).toEqual([
      `web.autoStop: "suspend" needs less than 2048 MB of memory (web.vm.memoryMb is 2048); use "stop"`,
    ]);
    expect(problems(spec({ web: { autoStop: "stop", vm: { memoryMb: 2048 } } }))).toEqual([]);
  });

  it('allows "suspend" without swap only', () => {
    expect(problems(spec({ web: { swapSizeMb: 512 } }))).toEqual([
      `web.autoStop: "suspend" does not work with swap (web.swapSizeMb is 512); use "stop" or set swapSizeMb to 0`,
    ]);
    expect(problems(spec({ web: { autoStop: "off", swapSizeMb: 512 } }))).toEqual([]);
  });
});

describe("worker", () => {
  it("judges rules across fields only once each field is valid on its own", () => {
    expect(problems(spec({ web: { port: 80, swapSizeMb: 512 } }))).toEqual([
      "web.port: 80 is too small; allowed: 1024 to 65535",
    ]);
  });

  it("needs a queue backend", () => {
    const bare = { database: { kind: "none" }, cache: { kind: "none" } } as const;
    expect(problems(spec({ ...bare, worker: { kind: "app" } }))).toEqual([
      `worker.kind: worker "app" needs a queue backend, but database and cache are both "none"; add one, or use worker "none"`,
    ]);
    expect(problems(spec({ ...bare, worker: { kind: "process" } }))).toHaveLength(1);
    expect(problems(spec({ ...bare, worker: { kind: "none" } }))).toEqual([]);
  });

  it("queue postgres needs a database, queue redis a cache", () => {
    expect(problems(spec({ database: { kind: "none" }, worker: { queue: "postgres" } }))).toEqual([
      `worker.queue: the queue "postgres" needs a database, but database is "none"; use queue "redis" with a cache, or add a database`,
    ]);
    expect(problems(spec({ cache: { kind: "none" }, worker: { queue: "redis" } }))).toEqual([
      `worker.queue: the queue "redis" needs a cache, but cache is "none"; use queue "postgres" with a database, or add a cache`,
    ]);
    expect(problems(spec({ cache: { kind: "none" }, worker: { kind: "none", queue: "redis" } }))).toEqual([]);
  });
});

describe("numbers in range", () => {
  it.each([
    [{ web: { port: 1023 } }, "web.port: 1023 is too small; allowed: 1024 to 65535"],
    [{ web: { port: 65536 } }, "web.port: 65536 is too large; allowed: 1024 to 65535"],
    [{ web: { port: 3000.5 } }, "web.port: expected a whole number, got 3000.5"],
    [{ web: { port: "3000" } }, `web.port: expected a number, got "3000"`],
    [{ web: { machinesPerRegion: 0 } }, "web.machinesPerRegion: 0 is too small; allowed: 1 to 20"],
    [{ web: { machinesPerRegion: 21 } }, "web.machinesPerRegion: 21 is too large; allowed: 1 to 20"],
    [{ web: { minMachinesRunning: -1 } }, "web.minMachinesRunning: -1 is too small; allowed: 0 to 20"],
    [{ web: { minMachinesRunning: 2 } }, "web.minMachinesRunning: 2 is more than machinesPerRegion (1)"],
    [{ web: { autoStop: "off", swapSizeMb: 65537 } }, "web.swapSizeMb: 65537 is too large; allowed: 0 to 65536"],
    [{ database: { volumeSizeGb: 0 } }, "database.volumeSizeGb: 0 is too small; allowed: 1 to 500"],
    [{ database: { volumeSizeGb: 501 } }, "database.volumeSizeGb: 501 is too large; allowed: 1 to 500"],
    [{ cache: { volumeSizeGb: 0 } }, "cache.volumeSizeGb: 0 is too small; allowed: 1 to 500"],
    [{ worker: { count: 0 } }, "worker.count: 0 is too small; allowed: 1 to 20"],
    [{ worker: { count: 21 } }, "worker.count: 21 is too large; allowed: 1 to 20"],
  ])("refuses %j", (over, message) => {
    expect(problems(spec(over as PartialSpec))).toEqual([message]);
  });
});

describe("Machine sizes", () => {
  it.each([
    [{ cpus: 3 }, "web.vm.cpus: 3 is not allowed; allowed: 1, 2, 4, 8, 16"],
    [{ cpuKind: "dedicated" }, `web.vm.cpuKind: "dedicated" is not allowed; allowed: "shared", "performance"`],
    [{ cpus: 16, memoryMb: 4096 }, `web.vm.cpus: shared CPUs go up to 8, not 16; use cpuKind "performance" for more`],
    [{ memoryMb: 300 }, "web.vm.memoryMb: 300 MB is not a multiple of 256 MB"],
    [{ memoryMb: 128 }, "web.vm.memoryMb: 128 is too small; allowed: 256 to 131072"],
    [{ memoryMb: 262144 }, "web.vm.memoryMb: 262144 is too large; allowed: 256 to 131072"],
    [{ memoryMb: 1792.5 }, "web.vm.memoryMb: expected a whole number, got 1792.5"],
    [{ cpus: 2, memoryMb: 4352 }, "web.vm.memoryMb: 4352 MB is outside 512 to 4096 MB, the range for 2 shared CPUs"],
    [{ cpus: 2, memoryMb: 256 }, "web.vm.memoryMb: 256 MB is outside 512 to 4096 MB, the range for 2 shared CPUs"],
    [
      { cpuKind: "performance", memoryMb: 1024 },
      "web.vm.memoryMb: 1024 MB is outside 2048 to 8192 MB, the range for 1 performance CPU",
    ],
    [
      { cpuKind: "performance", memoryMb: 8448 },
      "web.vm.memoryMb: 8448 MB is outside 2048 to 8192 MB, the range for 1 performance CPU",
    ],
  ])("refuses web.vm %j", (vm, message) => {
    expect(problems(spec({ web: { autoStop: "off", vm: vm as never } }))).toEqual([message]);
  });

  it("accepts the per-CPU bounds", () => {
    const ok = [
      { cpus: 1, memoryMb: 256 },
      { cpus: 1, memoryMb: 2048 },
      { cpus: 8, memoryMb: 16384 },
      { cpuKind: "performance", cpus: 1, memoryMb: 2048 },
      { cpuKind: "performance", cpus: 16, memoryMb: 131072 },
    ] as const;
    for (const vm of ok) expect(problems(spec({ web: { autoStop: "off", vm } }))).toEqual([]);
  });

  it.each(["database", "cache", "worker"] as const)("checks the %s Machine too", (section) => {
    expect(problems(spec({ [section]: { vm: { memoryMb: 3000 } } }))).toEqual([
      `${section}.vm.memoryMb: 3000 MB is not a multiple of 256 MB`,
    ]);
  });
});

describe("choices", () => {
  it.each([
    [{ database: { kind: "mysql" } }, `database.kind: "mysql" is not allowed; allowed: "postgres", "mpg", "none"`],
    [
      { cache: { kind: "memcached" } },
      `cache.kind: "memcached" is not allowed; allowed: "upstash", "redis-app", "none"`,
    ],
    [{ worker: { kind: "cron" } }, `worker.kind: "cron" is not allowed; allowed: "app", "process", "none"`],
    [{ worker: { queue: "sqs" } }, `worker.queue: "sqs" is not allowed; allowed: "postgres", "redis"`],
    [{ web: { autoStop: "pause" } }, `web.autoStop: "pause" is not allowed; allowed: "off", "stop", "suspend"`],
    [{ packageManager: "pip" }, `packageManager: "pip" is not allowed; allowed: "npm", "pnpm", "yarn", "bun"`],
    [{ database: { primaryMembers: 2 } }, "database.primaryMembers: 2 is not allowed; allowed: 1, 3"],
    [
      { cache: { upstashPlan: "fixed 1gb" } },
      `cache.upstashPlan: "fixed 1gb" is not allowed; allowed: "Pay-as-you-go", "Fixed 250MB", "Fixed 1GB", "Fixed 5GB", "Fixed 10GB", "Fixed 50GB"`,
    ],
  ])("refuses %j with what is allowed", (over, message) => {
    expect(problems(spec(over as PartialSpec))).toEqual([message]);
  });
});

describe("unknown fields and version", () => {
  it("names each unknown field and the fields allowed where it is", () => {
    expect(problems({ ...BASE, region: "iad" })).toEqual([
      `region: unknown field "region"; allowed: $schema, version, name, org, primaryRegion, regions, apps, web, database, cache, worker, storage, environments, previews, packageManager`,
    ]);
    expect(problems(spec({ web: { ports: 80 } as never }))).toEqual([
      `web.ports: unknown field "ports"; allowed: port, machinesPerRegion, autoStop, minMachinesRunning, swapSizeMb, vm`,
    ]);
    expect(problems(spec({ web: { vm: { memory: 512 } as never } }))).toEqual([
      `web.vm.memory: unknown field "memory"; allowed: cpuKind, cpus, memoryMb`,
    ]);
    expect(problems(spec({ database: { replicas: ["lhr"] } as never }))).toEqual([
      `database.replicas: unknown field "replicas"; allowed: kind, replicaRegions, volumeSizeGb, mpgPlan, primaryMembers, vm`,
    ]);
    expect(problems(spec({ apps: { api: "x" } as never }))).toEqual([
      `apps.api: unknown field "api"; allowed: web, worker, db, redis`,
    ]);
  });

  it("accepts version 1 only", () => {
    expect(problems({ ...BASE, version: 2 })).toEqual(["version: 2 is not a supported spec version; allowed: 1"]);
    expect(problems({ ...BASE, version: "1" })).toEqual([`version: "1" is not a supported spec version; allowed: 1`]);
  });

  it.each([
    [null, ": expected an object, got null"],
    [[], ": expected an object, got []"],
    ["acme", `: expected an object, got "acme"`],
  ])("refuses a spec that is not an object: %j", (input, message) => {
    expect(problems(input)).toEqual([message]);
  });
});

describe("validateFields", () => {
  it("checks each field alone, leaving rules across fields to validateSpec", () => {
    const crossOnly = spec({ primaryRegion: "syd", database: { kind: "mpg", replicaRegions: ["lhr"] } });
    expect(validateFields(crossOnly)).toEqual([]);
    expect(problems(crossOnly)).toEqual([
      `primaryRegion: "syd" is not one of the regions (iad, lhr, nrt); the primary must be one of them`,
      `database.replicaRegions: Managed Postgres ("mpg") has no cross-region read replicas (lhr); use database "postgres" for replicas, or no replica regions`,
    ]);
    expect(validateFields({ regions: ["sea"] }).map((p) => formatPath(p.path))).toEqual([
      "name",
      "primaryRegion",
      "regions[0]",
    ]);
  });
});
