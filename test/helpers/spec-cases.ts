/** Spec inputs shared by the rule tests and the JSON Schema tests: each is complete enough for both. */
import type { PartialSpec } from "../../src/spec/resolve.js";

export const BASE = { name: "acme", regions: ["iad", "lhr", "nrt"], primaryRegion: "iad" } satisfies PartialSpec;

/** Valid specs, each exercising a different corner of the schema. */
export const VALID_SPECS: Record<string, PartialSpec> = {
  minimal: BASE,
  "one region, no replicas": { name: "solo", regions: ["syd"], primaryRegion: "syd" },
  "30-character name": { ...BASE, name: `${"a".repeat(28)}-b` },
  "digits and single dashes": { ...BASE, name: "my-app-2", org: "acme-corp" },
  "postgres with replicas": { ...BASE, database: { kind: "postgres", replicaRegions: ["lhr", "nrt"] } },
  "managed postgres": { ...BASE, database: { kind: "mpg" } },
  "no database, redis queue": {
    ...BASE,
    database: { kind: "none" },
    cache: { kind: "upstash", replicaRegions: ["lhr"] },
    worker: { kind: "app", queue: "redis" },
  },
  "redis app cache, process worker": {
    ...BASE,
    cache: { kind: "redis-app", volumeSizeGb: 5 },
    worker: { kind: "process" },
  },
  "nothing but web": { ...BASE, database: { kind: "none" }, cache: { kind: "none" }, worker: { kind: "none" } },
  "suspend just below 2048 MB": { ...BASE, web: { autoStop: "suspend", vm: { memoryMb: 1792 } } },
  "stop with a big performance Machine and swap": {
    ...BASE,
    web: { autoStop: "stop", swapSizeMb: 1024, vm: { cpuKind: "performance", cpus: 2, memoryMb: 16384 } },
  },
  "range edges": {
    ...BASE,
    version: 1,
    web: { port: 65535, machinesPerRegion: 20, minMachinesRunning: 0 },
    database: { volumeSizeGb: 500, vm: { cpus: 8, memoryMb: 16384 } },
    worker: { count: 20, vm: { memoryMb: 256 } },
  },
  "app name overrides": {
    ...BASE,
    apps: { web: "acme-frontend", worker: "acme-jobs", db: "acme-pg", redis: "acme-kv" },
  },
  "every package manager field": { ...BASE, packageManager: "pnpm", $schema: "./schema.json" },
};
