/**
 * The building blocks of the components' spec sections (generators/<component>/spec.ts): zod
 * schemas whose messages name the bad value and what is allowed, the region and Machine-size fields
 * every section uses alike, and Fly's rule for Machine sizes.
 */
import * as z from "zod/mini";
import { echoQuoted } from "../echo.js";
import { explainBadRegion, REGION_CODES } from "./regions.js";

// A run validates one spec: generating a JIT parser per object schema costs more than it saves.
// zod/mini rather than zod's classic API: the same checks and messages, without the methods each
// classic schema carries, so building the schema at start-up costs a fraction (bench/startup.ts).
// (The namespace import lets the bundler drop the parts of zod we do not use, as long as no module
// passes the namespace on: each imports it itself.) Every section imports this module, so the setting
// is in place before the first schema is made.
z.config({ jitless: true });

export function allowed(values: readonly (string | number)[]): string {
  return values.map((v) => (typeof v === "string" ? `"${v}"` : String(v))).join(", ");
}

export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, {
    error: (issue) => `${echoQuoted(issue.input)} is not allowed; allowed: ${allowed(values)}`,
  });
}

/** One of a few numbers (CPU counts, cluster sizes). */
export function numberIn<const T extends readonly [number, ...number[]]>(values: T) {
  return z.literal(values, {
    error: (issue) => `${echoQuoted(issue.input)} is not allowed; allowed: ${allowed(values)}`,
  });
}

export function intIn(min: number, max: number) {
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

export function dnsLabel(max: number) {
  const explain = (issue: { input?: unknown }) => {
    const value = String(issue.input);
    return `${echoQuoted(value)} ${dnsLabelProblem(value, max) ?? "is not a valid name"}`;
  };
  return z
    .string({ error: (issue) => `expected a string, got ${echoQuoted(issue.input)}` })
    .check(z.maxLength(max, { error: explain, abort: true }), z.regex(DNS_LABEL, { error: explain }));
}

/** Fly's limit on an app name. */
export const FLY_APP_NAME_MAX = 63;

export const region = z.enum(REGION_CODES, {
  error: (issue) => (issue.input === undefined ? "is required" : explainBadRegion(String(issue.input))),
});

/** Read replicas of a backing service, by region: none unless given (or derived). */
export const replicaRegions = () => z._default(z.array(region), []);

export const CPU_KINDS = ["shared", "performance"] as const;
const CPU_COUNTS = [1, 2, 4, 8, 16] as const;

// Shared by every Machine size of the spec (eight with an environment): each vmSchema builds only
// what differs, the default memory. Building them anew cost every run 0.3 M instructions apiece.
const VM_FIELDS = {
  cpuKind: z._default(oneOf(CPU_KINDS), "shared"),
  cpus: z._default(numberIn(CPU_COUNTS), 1),
  memoryMb: intIn(256, 131072),
};

/** A Machine size. Fly sells memory in 256 MB steps within per-CPU bounds (checked by vmProblem). */
export const vmSchema = (memoryMb: number) =>
  z.prefault(
    z.strictObject({
      cpuKind: VM_FIELDS.cpuKind,
      cpus: VM_FIELDS.cpus,
      memoryMb: z._default(VM_FIELDS.memoryMb, memoryMb),
    }),
    {},
  );

export type Vm = z.output<ReturnType<typeof vmSchema>>;

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
