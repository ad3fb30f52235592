/**
 * The spec: every answer the generator needs, validated in one place. Flags, prompts, spec files
 * and the exported JSON Schema all go through this schema, so they cannot disagree.
 */

import * as z from "zod/mini";
import { echoQuoted } from "../echo.js";
import {
  AUTO_STOP,
  CACHE_KINDS,
  DATABASE_KINDS,
  MPG_PLANS,
  PACKAGE_MANAGERS,
  POSTGRES_MEMBERS,
  QUEUE_KINDS,
  UPSTASH_PLANS,
  WORKER_KINDS,
} from "./choices.js";
import { explainBadRegion, MPG_REGIONS, REGION_CODES, REGIONS } from "./regions.js";

// A run validates one spec: generating a JIT parser per object schema costs more than it saves.
// zod/mini rather than zod's classic API: the same checks and messages, without the methods each
// classic schema carries, so building the schema at start-up costs a fraction (bench/startup.ts).
// (The namespace import above lets the bundler drop the parts of zod we do not use.)
z.config({ jitless: true });

export const SPEC_VERSION = 1;
export const SPEC_FILE = "fly-ref-arch.json";

/** Derived names add `-worker` and DNS prefixes add `top1.nearest.of.`: 30 keeps every label short. */
export const NAME_MAX = 30;
const FLY_APP_NAME_MAX = 63;

function allowed(values: readonly (string | number)[]): string {
  return values.map((v) => (typeof v === "string" ? `"${v}"` : String(v))).join(", ");
}

function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, {
    error: (issue) => `${echoQuoted(issue.input)} is not allowed; allowed: ${allowed(values)}`,
  });
}

function intIn(min: number, max: number) {
  return z
    .number({ error: (issue) => `expected a whole number, got ${echoQuoted(issue.input)}` })
    .check(
      z.int({ error: (issue) => `${echoQuoted(issue.input)} is not a whole number` }),
      z.gte(min, { error: (issue) => `${String(issue.input)} is too small; allowed: ${min} to ${max}` }),
      z.lte(max, { error: (issue) => `${String(issue.input)} is too large; allowed: ${min} to ${max}` }),
    );
}

/** Why a string is not a DNS label of at most `max` characters, or undefined when it is one. */
export function dnsLabelProblem(value: string, max: number): string | undefined {
  if (value.length === 0) return "must not be empty";
  if (value.length > max) return `is ${value.length} characters long; at most ${max} are allowed`;
  if (!/^[a-z]/.test(value)) return "must start with a lowercase letter";
  if (!/^[a-z0-9-]*$/.test(value)) return "may contain only lowercase letters, digits and dashes";
  if (value.endsWith("-")) return "must not end with a dash";
  if (value.includes("--")) return "must not contain two dashes in a row";
  return undefined;
}

/** Lowercase letters, digits and single dashes, starting with a letter and not ending with a dash. */
const DNS_LABEL = /^[a-z](?:-?[a-z0-9])*$/;

function dnsLabel(max: number) {
  const explain = (issue: { input?: unknown }) => {
    const value = String(issue.input);
    return `${echoQuoted(value)} ${dnsLabelProblem(value, max) ?? "is not a valid name"}`;
  };
  return z
    .string({ error: (issue) => `expected a string, got ${echoQuoted(issue.input)}` })
    .check(z.maxLength(max, { error: explain, abort: true }), z.regex(DNS_LABEL, { error: explain }));
}

const region = z.enum(REGION_CODES, {
  error: (issue) => (issue.input === undefined ? "is required" : explainBadRegion(String(issue.input))),
});

export const CPU_KINDS = ["shared", "performance"] as const;
const CPU_COUNTS = [1, 2, 4, 8, 16] as const;

/** A Machine size. Fly sells memory in 256 MB steps within per-CPU bounds (checked by vmProblem). */
const vmSchema = (memoryMb: number) =>
  z.prefault(
    z.strictObject({
      cpuKind: z._default(oneOf(CPU_KINDS), "shared"),
      cpus: z._default(
        z.literal(CPU_COUNTS, {
          error: (issue) => `${echoQuoted(issue.input)} is not allowed; allowed: ${allowed(CPU_COUNTS)}`,
        }),
        1,
      ),
      memoryMb: z._default(intIn(256, 131072), memoryMb),
    }),
    {},
  );

export { AUTO_STOP, CACHE_KINDS, DATABASE_KINDS, MPG_PLANS, PACKAGE_MANAGERS, QUEUE_KINDS, WORKER_KINDS };

const appName = z.optional(dnsLabel(FLY_APP_NAME_MAX));

const specObject = z.strictObject({
  $schema: z.optional(z.string()),
  version: z._default(
    z.literal(SPEC_VERSION, {
      error: (issue) => `${echoQuoted(issue.input)} is not a supported spec version; allowed: ${SPEC_VERSION}`,
    }),
    SPEC_VERSION,
  ),
  name: dnsLabel(NAME_MAX),
  org: z._default(dnsLabel(FLY_APP_NAME_MAX), "personal"),
  primaryRegion: region,
  regions: z.array(region).check(z.minLength(1, { error: "at least one region is required" })),
  apps: z.optional(z.strictObject({ web: appName, worker: appName, db: appName, redis: appName })),
  web: z.prefault(
    z.strictObject({
      port: z._default(intIn(1024, 65535), 3000),
      machinesPerRegion: z._default(intIn(1, 20), 1),
      autoStop: z._default(oneOf(AUTO_STOP), "suspend"),
      minMachinesRunning: z._default(intIn(0, 20), 1),
      swapSizeMb: z._default(intIn(0, 65536), 0),
      vm: vmSchema(512),
    }),
    {},
  ),
  database: z.prefault(
    z.strictObject({
      kind: z._default(oneOf(DATABASE_KINDS), "postgres"),
      replicaRegions: z._default(z.array(region), []),
      volumeSizeGb: z._default(intIn(1, 500), 10),
      mpgPlan: z._default(oneOf(MPG_PLANS), "basic"),
      primaryMembers: z._default(
        z.literal(POSTGRES_MEMBERS, {
          error: (issue) => `${echoQuoted(issue.input)} is not allowed; allowed: ${allowed(POSTGRES_MEMBERS)}`,
        }),
        3,
      ),
      vm: vmSchema(1024),
    }),
    {},
  ),
  cache: z.prefault(
    z.strictObject({
      kind: z._default(oneOf(CACHE_KINDS), "upstash"),
      replicaRegions: z._default(z.array(region), []),
      volumeSizeGb: z._default(intIn(1, 500), 1),
      upstashPlan: z.optional(oneOf(UPSTASH_PLANS)),
      vm: vmSchema(512),
    }),
    {},
  ),
  worker: z.prefault(
    z.strictObject({
      kind: z._default(oneOf(WORKER_KINDS), "app"),
      queue: z._default(oneOf(QUEUE_KINDS), "postgres"),
      count: z._default(intIn(1, 20), 1),
      vm: vmSchema(512),
    }),
    {},
  ),
  packageManager: z._default(oneOf(PACKAGE_MANAGERS), "npm"),
});

/** A complete, validated spec. */
export type Spec = z.output<typeof specObject>;
/** What a spec file or the flags may leave out. */
export type SpecInput = z.input<typeof specObject>;
export type Vm = Spec["web"]["vm"];

/** The fields alone, without the rules across fields. */
export const specFields = specObject;

export const specSchema = specObject.check(
  z.superRefine((spec, ctx) => {
    // Rules across fields judge only values that are valid on their own: a port of 0 is one problem,
    // not also "minMachinesRunning is more than 0".
    if (ctx.issues.length > 0) return;
    for (const rule of crossFieldRules(spec)) {
      ctx.addIssue({ code: "custom", path: rule.path, input: rule.input, message: rule.message });
    }
  }),
);

interface RuleIssue {
  path: (string | number)[];
  input: unknown;
  message: string;
}

/** The rules that relate fields to each other; each yields one issue with its own message. */
function crossFieldRules(spec: Spec): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const add = (path: (string | number)[], input: unknown, message: string) => {
    issues.push({ path, input, message });
  };

  for (const i of duplicates(spec.regions))
    add(["regions", i], spec.regions[i], `"${spec.regions[i]}" is listed twice`);
  if (!spec.regions.includes(spec.primaryRegion)) {
    add(
      ["primaryRegion"],
      spec.primaryRegion,
      `"${spec.primaryRegion}" is not one of the regions (${spec.regions.join(", ")}); the primary must be one of them`,
    );
  }

  const others = spec.regions.filter((r) => r !== spec.primaryRegion);
  const checkReplicas = (section: "database" | "cache", list: readonly string[]) => {
    for (const i of duplicates(list)) add([section, "replicaRegions", i], list[i], `"${list[i]}" is listed twice`);
    list.forEach((r, i) => {
      if (r === spec.primaryRegion) {
        add(
          [section, "replicaRegions", i],
          r,
          `"${r}" is the primary region; replicas go to the other regions (${others.join(", ") || "none"})`,
        );
      } else if (!spec.regions.includes(r as never)) {
        add(
          [section, "replicaRegions", i],
          r,
          `"${r}" is not one of the web regions; allowed: ${others.join(", ") || "none (add regions first)"}`,
        );
      }
    });
  };

  const db = spec.database;
  if (db.kind === "none" && db.replicaRegions.length > 0) {
    add(
      ["database", "replicaRegions"],
      db.replicaRegions,
      `read replicas (${db.replicaRegions.join(", ")}) need a database; database is "none"`,
    );
  } else if (db.kind === "mpg" && db.replicaRegions.length > 0) {
    add(
      ["database", "replicaRegions"],
      db.replicaRegions,
      `Managed Postgres ("mpg") has no cross-region read replicas (${db.replicaRegions.join(", ")}); use database "postgres" for replicas, or no replica regions`,
    );
  } else {
    checkReplicas("database", db.replicaRegions);
  }
  if (db.kind === "mpg" && !MPG_REGIONS.includes(spec.primaryRegion)) {
    add(
      ["primaryRegion"],
      spec.primaryRegion,
      `Managed Postgres ("mpg") is not offered in "${spec.primaryRegion}"; its regions: ${MPG_REGIONS.join(", ")}`,
    );
  }

  const cache = spec.cache;
  if (cache.kind !== "upstash" && cache.replicaRegions.length > 0) {
    add(
      ["cache", "replicaRegions"],
      cache.replicaRegions,
      `only cache "upstash" has read replicas (${cache.replicaRegions.join(", ")}); cache is "${cache.kind}"`,
    );
  } else {
    checkReplicas("cache", cache.replicaRegions);
  }
  if (cache.upstashPlan !== undefined && cache.kind !== "upstash") {
    add(["cache", "upstashPlan"], cache.upstashPlan, `a plan is for cache "upstash"; cache is "${cache.kind}"`);
  }

  const web = spec.web;
  if (web.minMachinesRunning > web.machinesPerRegion) {
    add(
      ["web", "minMachinesRunning"],
      web.minMachinesRunning,
      `${web.minMachinesRunning} is more than machinesPerRegion (${web.machinesPerRegion})`,
    );
  }
  if (web.autoStop === "suspend") {
    if (web.vm.memoryMb >= 2048) {
      add(
        ["web", "autoStop"],
        "suspend",
        `"suspend" needs less than 2048 MB of memory (web.vm.memoryMb is ${web.vm.memoryMb}); use "stop"`,
      );
    }
    if (web.swapSizeMb > 0) {
      add(
        ["web", "autoStop"],
        "suspend",
        `"suspend" does not work with swap (web.swapSizeMb is ${web.swapSizeMb}); use "stop" or set swapSizeMb to 0`,
      );
    }
  }

  const vms: [string, Vm][] = [
    ["web", web.vm],
    ["worker", spec.worker.vm],
    ["database", db.vm],
    ["cache", cache.vm],
  ];
  for (const [section, vm] of vms) {
    const problem = vmProblem(vm);
    if (problem) add([section, "vm", problem.field], vm[problem.field], problem.message);
  }

  issues.push(...appNameClashes(spec));

  const worker = spec.worker;
  if (worker.kind !== "none" && db.kind === "none" && cache.kind === "none") {
    add(
      ["worker", "kind"],
      worker.kind,
      `worker "${worker.kind}" needs a queue backend, but database and cache are both "none"; add one, or use worker "none"`,
    );
  } else if (worker.kind !== "none") {
    if (worker.queue === "postgres" && db.kind === "none") {
      add(
        ["worker", "queue"],
        "postgres",
        `the queue "postgres" needs a database, but database is "none"; use queue "redis" with a cache, or add a database`,
      );
    }
    if (worker.queue === "redis" && cache.kind === "none") {
      add(
        ["worker", "queue"],
        "redis",
        `the queue "redis" needs a cache, but cache is "none"; use queue "postgres" with a database, or add a cache`,
      );
    }
  }
  return issues;
}

/** Fly's sizes: shared CPUs take 256 MB to 2 GB each, performance CPUs 2 GB to 8 GB each. */
export function vmProblem(vm: Vm): { field: "cpus" | "memoryMb"; message: string } | undefined {
  const [perCpuMin, perCpuMax] = vm.cpuKind === "shared" ? [256, 2048] : [2048, 8192];
  const min = perCpuMin * vm.cpus;
  const max = perCpuMax * vm.cpus;
  if (vm.cpuKind === "shared" && vm.cpus > 8) {
    return { field: "cpus", message: `shared CPUs go up to 8, not ${vm.cpus}; use cpuKind "performance" for more` };
  }
  if (vm.memoryMb % 256 !== 0) return { field: "memoryMb", message: `${vm.memoryMb} MB is not a multiple of 256 MB` };
  if (vm.memoryMb < min || vm.memoryMb > max) {
    const cpus = `${vm.cpus} ${vm.cpuKind} CPU${vm.cpus > 1 ? "s" : ""}`;
    return { field: "memoryMb", message: `${vm.memoryMb} MB is outside ${min} to ${max} MB, the range for ${cpus}` };
  }
  return undefined;
}

/**
 * Every Fly app, Postgres cluster and Redis the spec provisions needs a name of its own: two of
 * them under one name would deploy both configurations to one app (or attach the wrong database).
 * Only what the spec uses counts (a worker's name does not matter when the worker is a process
 * group). Reported where a name was given in `apps`: a derived name cannot clash with another.
 */
function appNameClashes(spec: Spec): RuleIssue[] {
  type Key = keyof ReturnType<typeof appNames>;
  const names = appNames(spec);
  const used: [Key, string][] = [["web", "the web app"]];
  if (spec.worker.kind === "app") used.push(["worker", "the worker app"]);
  if (spec.database.kind !== "none") used.push(["db", "the database"]);
  if (spec.cache.kind !== "none") used.push(["redis", "the Redis"]);
  const given = (key: Key) => spec.apps?.[key] !== undefined;
  const source = (key: Key) => (given(key) ? `apps.${key}` : `derived from name "${spec.name}"`);
  const issues: RuleIssue[] = [];
  used.forEach(([key, what], i) => {
    const earlier = used.slice(0, i).find(([other]) => names[other] === names[key]);
    if (!earlier) return;
    const [at, [other, otherWhat]] = given(key) ? [key, earlier] : [earlier[0], [key, what] as const];
    issues.push({
      path: ["apps", at],
      input: names[key],
      message: `"${names[key]}" is also the name of ${otherWhat} (${source(other)}); each Fly app, database and Redis needs a name of its own`,
    });
  });
  return issues;
}

function duplicates(list: readonly string[]): number[] {
  return list.flatMap((item, i) => (list.indexOf(item) < i ? [i] : []));
}

/** The Fly app names a spec provisions, derived from `name` unless `apps` overrides them. */
export function appNames(spec: Pick<Spec, "name" | "apps">) {
  return {
    web: spec.apps?.web ?? `${spec.name}-web`,
    worker: spec.apps?.worker ?? `${spec.name}-worker`,
    db: spec.apps?.db ?? `${spec.name}-db`,
    redis: spec.apps?.redis ?? `${spec.name}-redis`,
  };
}

export { REGIONS };
