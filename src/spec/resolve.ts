/**
 * Derived defaults: values whose default depends on other answers (the primary region is the first
 * region, the replica goes to the next one, the queue lives where a backend exists). Static defaults
 * stay in the schema so the JSON Schema shows them.
 */

import type { Region } from "./regions.js";
import type { SpecInput } from "./schema.js";
import { SPEC_VERSION } from "./schema.js";

/** The seed architecture: US East primary, London and Tokyo at the edge. */
export const DEFAULT_REGIONS: Region[] = ["iad", "lhr", "nrt"];

export type PartialSpec = {
  [K in keyof SpecInput]?: SpecInput[K] extends object | undefined
    ? SpecInput[K] extends unknown[] | undefined
      ? SpecInput[K]
      : { [P in keyof NonNullable<SpecInput[K]>]?: NonNullable<SpecInput[K]>[P] }
    : SpecInput[K];
};

/** Objects merge key by key; arrays and scalars from `over` replace those in `base`. */
export function mergeSpecs(base: PartialSpec, over: PartialSpec): PartialSpec {
  return deepMerge(base, over) as PartialSpec;
}

function deepMerge(base: unknown, over: unknown): unknown {
  if (isPlainObject(base) && isPlainObject(over)) {
    const out: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(over)) {
      if (value !== undefined) out[key] = deepMerge(base[key], value);
    }
    return out;
  }
  return over === undefined ? base : over;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The answers with every derived default filled in; the schema then checks and completes them.
 * A value of the wrong shape (a list where an object belongs, a string for the regions) is passed
 * through untouched, for the schema to report as it is: deriving from it would hide the mistake.
 */
export function withDerivedDefaults(answers: PartialSpec): PartialSpec {
  const regions = answers.regions ?? DEFAULT_REGIONS;
  const primaryRegion = answers.primaryRegion ?? (Array.isArray(regions) ? regions[0] : undefined);
  const sections = { database: answers.database, cache: answers.cache, worker: answers.worker };
  const database = section(sections.database);
  const cache = section(sections.cache);
  const worker = section(sections.worker);
  if (database) {
    database.kind ??= "postgres";
    if (database.replicaRegions === undefined && database.kind === "postgres" && Array.isArray(regions)) {
      database.replicaRegions = defaultReplicaRegions(regions, primaryRegion);
    }
  }
  if (cache) cache.kind ??= "upstash";
  if (worker) {
    const hasBackend = database?.kind !== "none" || cache?.kind !== "none";
    worker.kind ??= hasBackend ? "app" : "none";
    worker.queue ??= defaultQueue(database?.kind, cache?.kind);
  }
  return {
    ...answers,
    version: answers.version ?? SPEC_VERSION,
    regions,
    primaryRegion,
    database: database ?? sections.database,
    cache: cache ?? sections.cache,
    worker: worker ?? sections.worker,
  };
}

/** A copy of a section to fill in, or undefined when the value is not an object at all. */
function section<T extends object>(value: T | undefined): Partial<T> | undefined {
  if (value === undefined) return {};
  return typeof value === "object" && value !== null && !Array.isArray(value) ? { ...value } : undefined;
}

/** One read replica, in the first region after the primary: the seed's iad → lhr. */
export function defaultReplicaRegions(regions: readonly Region[], primary: Region | undefined): Region[] {
  const next = regions.find((r) => r !== primary);
  return next ? [next] : [];
}

export function defaultQueue(database: string | undefined, cache: string | undefined): "postgres" | "redis" {
  return database === "none" && cache !== "none" ? "redis" : "postgres";
}
