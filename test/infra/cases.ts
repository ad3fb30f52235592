/**
 * The infrastructure test cases: one spec per topology the Fly files must handle. The bootstrap runs
 * (many per case) use these; the static checks of every file run over them and every snapshot case.
 */
import type { PartialSpec } from "../../src/spec/resolve.js";
import { CASES } from "../cases.js";

export interface InfraCase {
  name: string;
  spec: PartialSpec;
}

export const INFRA_CASES: readonly InfraCase[] = [
  {
    name: "postgres-upstash-worker-app",
    spec: {
      name: "acme",
      regions: ["iad", "lhr", "nrt"],
      database: { kind: "postgres", replicaRegions: ["lhr", "nrt"] },
    },
  },
  {
    name: "mpg",
    spec: {
      name: "acme",
      regions: ["iad", "lhr"],
      database: { kind: "mpg" },
      cache: { kind: "none" },
      worker: { kind: "app" },
    },
  },
  {
    name: "redis-app-queue",
    spec: {
      name: "acme",
      regions: ["ams", "fra"],
      database: { kind: "none" },
      cache: { kind: "redis-app" },
      worker: { kind: "app", queue: "redis" },
    },
  },
  {
    name: "worker-process",
    spec: {
      name: "acme",
      regions: ["iad", "syd"],
      web: { machinesPerRegion: 2 },
      database: { kind: "postgres" },
      cache: { kind: "upstash", replicaRegions: ["syd"] },
      worker: { kind: "process", queue: "redis", count: 2 },
      packageManager: "pnpm",
    },
  },
  {
    // The bucket's keys go to the web app alone; the worker app has none.
    name: "storage-worker-app",
    spec: {
      name: "acme",
      regions: ["iad", "lhr"],
      database: { kind: "mpg" },
      cache: { kind: "none" },
      worker: { kind: "app" },
      storage: { kind: "tigris" },
    },
  },
  {
    name: "web-only",
    spec: {
      name: "acme",
      regions: ["cdg"],
      database: { kind: "none" },
      cache: { kind: "none" },
      worker: { kind: "none" },
    },
  },
];

/** Every snapshot case, then the topologies above: what the static checks of generated files cover. */
export const ALL_CASES: readonly InfraCase[] = [
  ...CASES.map(({ name, spec }) => ({ name: `snapshot ${name}`, spec })),
  ...INFRA_CASES,
];
