/**
 * The spec cases every suite over generated output iterates: snapshots, fly.toml checks, and the
 * semantic checks of other files. Adding a case here puts it through all of them; its snapshot is
 * then written with `UPDATE_SNAPSHOTS=1 npm test`.
 */
import type { Tree } from "../src/engine/tree.js";
import type { PartialSpec } from "../src/spec/resolve.js";
import type { Spec } from "../src/spec/schema.js";
import { render, specFrom } from "./helpers/render.js";

export interface SpecCase {
  /** Also the folder of its snapshot: test/__snapshots__/<name>/. */
  name: string;
  /** What the case covers, for a reader of the list. */
  about: string;
  /** Partial answers; the rest comes from defaults, exactly as the CLI fills them in. */
  spec: PartialSpec;
}

/**
 * The generator version the cases render with. A fixed value, so that a release (which changes the
 * README and the manifest of every case) does not rewrite every snapshot; only a change in what is
 * generated does.
 */
export const CASE_VERSION = "0.0.0-snapshot";

export const CASES: readonly SpecCase[] = [
  {
    name: "seed-default",
    about: "every default: iad+lhr+nrt, Postgres with a replica in lhr, Upstash, worker app",
    spec: { name: "acme" },
  },
  {
    name: "one-region",
    about: "a single region, so no replicas and no fly-replay",
    spec: { name: "solo", regions: ["fra"] },
  },
  {
    name: "postgres-replicas",
    about: "a primary that is not the first region, and a Postgres replica in every other region",
    spec: {
      name: "globe",
      regions: ["iad", "lhr", "nrt", "syd"],
      primaryRegion: "lhr",
      database: { kind: "postgres", replicaRegions: ["iad", "nrt", "syd"], volumeSizeGb: 40 },
    },
  },
  {
    name: "mpg",
    about: "Managed Postgres: one region, no cross-region replicas",
    spec: { name: "managed", database: { kind: "mpg" } },
  },
  {
    name: "no-database",
    about: "no database: the queue lives in Redis",
    spec: {
      name: "stateless",
      database: { kind: "none" },
      cache: { kind: "upstash" },
      worker: { kind: "app", queue: "redis" },
    },
  },
  {
    name: "cache-upstash",
    about: "Upstash with read replicas in the edge regions",
    spec: { name: "cached", cache: { kind: "upstash", replicaRegions: ["lhr", "nrt"] } },
  },
  {
    name: "cache-redis-app",
    about: "our own Redis app on a volume",
    spec: { name: "redisapp", cache: { kind: "redis-app", volumeSizeGb: 2 } },
  },
  {
    name: "cache-none",
    about: "no cache: the queue stays on Postgres",
    spec: { name: "nocache", cache: { kind: "none" } },
  },
  {
    name: "worker-app",
    about: "a worker app of its own, several Machines on a bigger size",
    spec: {
      name: "jobs",
      worker: { kind: "app", queue: "postgres", count: 3, vm: { cpuKind: "performance", cpus: 1, memoryMb: 2048 } },
    },
  },
  {
    name: "worker-process",
    about: "the worker as a process group of the web app, with its own [[vm]]",
    spec: { name: "procs", worker: { kind: "process", vm: { cpus: 2, memoryMb: 1024 } } },
  },
  {
    name: "worker-process-large",
    about: "a suspending web group beside a worker group too large to suspend (only the web group is suspended)",
    spec: { name: "bigworker", worker: { kind: "process", vm: { cpuKind: "performance", cpus: 1, memoryMb: 4096 } } },
  },
  { name: "worker-none", about: "no worker at all", spec: { name: "noworker", worker: { kind: "none" } } },
  { name: "pnpm", about: "pnpm as the package manager", spec: { name: "pnpmapp", packageManager: "pnpm" } },
  {
    name: "web-stop-large",
    about: 'a web size too large for suspend ("stop"), swap, and several Machines per region',
    spec: {
      name: "bigweb",
      web: {
        port: 8080,
        autoStop: "stop",
        machinesPerRegion: 2,
        minMachinesRunning: 2,
        swapSizeMb: 512,
        vm: { cpuKind: "performance", cpus: 2, memoryMb: 4096 },
      },
    },
  },
  {
    name: "custom-apps",
    about: "app names overridden in the spec, and a Fly organization",
    spec: {
      name: "named",
      org: "acme-corp",
      apps: { web: "named-frontend", worker: "named-jobs", db: "named-pg", redis: "named-kv" },
    },
  },
  {
    name: "storage-tigris",
    about: "a Tigris bucket with the file API, beside every default (its keys on the web app, not the worker's)",
    spec: { name: "media", storage: { kind: "tigris" } },
  },
  {
    name: "environments-staging",
    about: "a staging environment with the cheap defaults beside every default of production",
    spec: { name: "staged", environments: { staging: {} } },
  },
  {
    name: "previews",
    about: "pull-request previews on a staging environment that runs two regions and more Machines",
    spec: {
      name: "peek",
      environments: { staging: { regions: ["iad", "lhr"], web: { machinesPerRegion: 2, minMachinesRunning: 1 } } },
      previews: true,
    },
  },
];

/** The complete spec of a case, defaults applied and validated. */
export function caseSpec(specCase: SpecCase): Spec {
  return specFrom(specCase.spec);
}

/** The tree a case generates, as its snapshot records it. */
export function renderCase(specCase: SpecCase): Tree {
  return render(specCase.spec, CASE_VERSION);
}
