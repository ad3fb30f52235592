/**
 * The infrastructure test cases: one spec per topology the Fly files must handle. (To be unified
 * with the shared test/cases.ts when the branches merge.)
 */
import type { PartialSpec } from "../../src/spec/resolve.js";

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
