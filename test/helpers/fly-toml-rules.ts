/**
 * Our rules for generated fly.toml files, stricter than SchemaStore's schema (which accepts any
 * region code, integer durations and unknown sections). Each problem names the key, what is wrong,
 * and the section of shared/reference/fly-platform.md the rule comes from.
 */

import { appNames } from "../../generators/base/spec.js";
import type { Vm } from "../../src/spec/fields.js";
import { isRegion } from "../../src/spec/regions.js";
import type { Spec } from "../../src/spec/schema.js";

/** Which Fly app a file configures: fly.toml, fly.worker.toml, redis/fly.toml. */
export type FlyRole = "web" | "worker" | "redis";

export const ROLE_OF_FILE: Readonly<Record<string, FlyRole>> = {
  "fly.toml": "web",
  "fly.worker.toml": "worker",
  "redis/fly.toml": "redis",
};

type Table = Record<string, unknown>;

/** A Go duration as flyctl parses it ("30s", "1m30s"); bare integers mean seconds or milliseconds by key (§2). */
const DURATION = /^(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$/;
const DURATION_UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};
const MAX_KILL_TIMEOUT_MS = 300_000;
const AUTO_STOP = ["off", "stop", "suspend"];
const SUSPEND_MEMORY_LIMIT_MB = 2048;
const CHECK_DURATIONS = ["interval", "timeout", "grace_period"] as const;
/** The process group of an app that has no [processes] table. */
const DEFAULT_GROUP = "app";

export function durationMs(value: string): number {
  let total = 0;
  for (const [, amount, unit] of value.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) {
    total += Number(amount) * (DURATION_UNIT_MS[unit as string] as number);
  }
  return total;
}

/** `memory = "1gb"`, `"512mb"` or an integer number of MB (§2 [[vm]]); undefined when unreadable. */
export function memoryMb(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isInteger(value)) return value;
  const match = typeof value === "string" ? /^(\d+)\s*(mb|gb)?$/i.exec(value) : null;
  if (!match) return undefined;
  return Number(match[1]) * (match[2]?.toLowerCase() === "gb" ? 1024 : 1);
}

function isTable(value: unknown): value is Table {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function tables(value: unknown): Table[] {
  return Array.isArray(value) ? value.filter(isTable) : [];
}

function show(value: unknown): string {
  return value === undefined ? "missing" : JSON.stringify(value);
}

/** What every rule reads, derived once from the parsed file. */
interface Context {
  config: Table;
  spec: Spec;
  role: FlyRole;
  processes: Table | undefined;
  /** The process groups: the keys of [processes], or Fly's default group. */
  groups: string[];
  vms: Table[];
  httpService: Table | undefined;
  /** http_service and each [[services]], with where they are for messages. */
  services: [string, Table][];
  swapMb: unknown;
}

type Rule = (context: Context) => string[];

/** Every problem of a parsed fly.toml for `role`, given the spec it was generated from; [] when it is fine. */
export function flyTomlProblems(config: Table, spec: Spec, role: FlyRole): string[] {
  const processes = isTable(config.processes) ? config.processes : undefined;
  const httpService = isTable(config.http_service) ? config.http_service : undefined;
  const context: Context = {
    config,
    spec,
    role,
    processes,
    groups: processes ? Object.keys(processes) : [DEFAULT_GROUP],
    vms: tables(config.vm),
    httpService,
    services: [
      ...(httpService ? [["http_service", httpService] as [string, Table]] : []),
      ...tables(config.services).map((s, i): [string, Table] => [`services[${i}]`, s]),
    ],
    swapMb: config.swap_size_mb ?? 0,
  };
  return RULES.flatMap((rule) => rule(context));
}

const appAndRegion: Rule = ({ config, spec, role }) => {
  const problems: string[] = [];
  const expectedApp = appNames(spec)[role];
  if (config.app !== expectedApp)
    problems.push(`app: ${show(config.app)}, expected ${show(expectedApp)} from the spec (§9)`);
  const region = config.primary_region;
  if (typeof region !== "string" || !isRegion(region)) {
    problems.push(`primary_region: ${show(region)} is not a current Fly region (§1)`);
  } else if (region !== spec.primaryRegion) {
    problems.push(`primary_region: ${show(region)}, expected the spec's primary ${show(spec.primaryRegion)} (§2)`);
  }
  return problems;
};

const shutdown: Rule = ({ config }) => {
  const problems: string[] = [];
  if (config.kill_signal !== "SIGTERM") {
    problems.push(`kill_signal: ${show(config.kill_signal)}; set "SIGTERM" explicitly, the default is disputed (§10)`);
  }
  const timeout = config.kill_timeout;
  if (typeof timeout !== "string" || !DURATION.test(timeout)) {
    problems.push(`kill_timeout: ${show(timeout)}; expected a quoted duration such as "30s" (§2 duration rules)`);
  } else if (durationMs(timeout) > MAX_KILL_TIMEOUT_MS) {
    problems.push(`kill_timeout: ${show(timeout)} is over Fly's maximum of 300s (§2)`);
  }
  return problems;
};

/** Bare integers are seconds in some keys and milliseconds in others (§2): only quoted units are unambiguous. */
const quotedDurations: Rule = ({ config, httpService }) => {
  const found: [string, unknown][] = [];
  if (isTable(config.deploy)) {
    found.push(["deploy.release_command_timeout", config.deploy.release_command_timeout]);
    found.push(["deploy.wait_timeout", config.deploy.wait_timeout]);
  }
  const checks: [string, Table][] = tables(httpService?.checks).map((c, i) => [`http_service.checks[${i}]`, c]);
  for (const [i, service] of tables(config.services).entries()) {
    for (const kind of ["checks", "http_checks", "tcp_checks"]) {
      for (const [j, check] of tables(service[kind]).entries()) checks.push([`services[${i}].${kind}[${j}]`, check]);
    }
  }
  for (const [name, check] of Object.entries(isTable(config.checks) ? config.checks : {})) {
    if (isTable(check)) checks.push([`checks.${name}`, check]);
  }
  for (const [where, check] of checks) for (const key of CHECK_DURATIONS) found.push([`${where}.${key}`, check[key]]);
  return found
    .filter(([, value]) => value !== undefined && (typeof value !== "string" || !DURATION.test(value)))
    .map(([where, value]) => `${where}: ${show(value)}; expected a quoted duration such as "10s" (§2 duration rules)`);
};

const env: Rule = ({ config }) => {
  if (config.env === undefined) return [];
  if (!isTable(config.env)) return [`env: ${show(config.env)} is not a table (§2 [env])`];
  return Object.entries(config.env).flatMap(([key, value]) => [
    ...(typeof value !== "string" ? [`env.${key}: ${show(value)}; env values must be strings (§2 [env])`] : []),
    ...(key.startsWith("FLY_") ? [`env.${key}: names starting with FLY_ are reserved by Fly (§2 [env])`] : []),
  ]);
};

const swap: Rule = ({ config, spec, role, swapMb }) => {
  const expected = role === "web" ? spec.web.swapSizeMb : 0;
  return swapMb === expected ? [] : [`swap_size_mb: ${show(config.swap_size_mb)}, expected ${expected} (§2)`];
};

const autoStop: Rule = ({ services, vms, swapMb }) =>
  services.flatMap(([where, service]) => {
    const value = service.auto_stop_machines;
    if (typeof value !== "string" || !AUTO_STOP.includes(value)) {
      return [
        `${where}.auto_stop_machines: ${show(value)}; expected one of "off", "stop", "suspend" as a string (§2, §10)`,
      ];
    }
    if (value !== "suspend") return [];
    const problems: string[] = [];
    // Only the Machines behind this service are ever suspended; a worker group beside them is not (§7, §10).
    const served = Array.isArray(service.processes) ? (service.processes as unknown[]) : undefined;
    const suspended = vms.filter(
      (vm) => !served || !Array.isArray(vm.processes) || vm.processes.some((group) => served.includes(group)),
    );
    const large = suspended.find((vm) => (memoryMb(vm.memory) ?? 0) >= SUSPEND_MEMORY_LIMIT_MB);
    if (large) {
      problems.push(
        `${where}.auto_stop_machines: "suspend" needs less than 2048 MB, but a [[vm]] has ${show(large.memory)} (§10)`,
      );
    }
    if (swapMb !== 0)
      problems.push(`${where}.auto_stop_machines: "suspend" does not work with swap_size_mb = ${show(swapMb)} (§10)`);
    return problems;
  });

/** Fly's proxy balances over every Machine with a service unless `processes` narrows it (§7). */
const servedProcesses: Rule = ({ services, processes, groups }) =>
  services.flatMap(([where, service]) => {
    const served = service.processes;
    if (served === undefined) {
      return processes ? [`${where}.processes: missing; with [processes], name the groups that take traffic (§7)`] : [];
    }
    if (!processes) return [`${where}.processes: ${show(served)} without a [processes] table (§2 [processes])`];
    if (!Array.isArray(served) || served.length === 0 || served.some((g) => !groups.includes(g))) {
      return [`${where}.processes: ${show(served)}; expected groups of [processes] (${groups.join(", ")}) (§7)`];
    }
    return [];
  });

const httpServiceTables: Rule = ({ httpService }) => {
  if (!httpService) return [];
  const problems: string[] = [];
  if (!isTable(httpService.concurrency)) {
    problems.push("http_service.concurrency: missing; without it Fly balances on 20 connections (§2 [http_service])");
  }
  if (!tables(httpService.checks).some((check) => check.path === "/healthz")) {
    problems.push("http_service.checks: no check on /healthz, so Fly routes to Machines that are not up (§10)");
  }
  return problems;
};

const vmSizes: Rule = ({ spec, role, groups, vms }) => {
  const problems: string[] = [];
  for (const [i, vm] of vms.entries()) {
    const unknown = Array.isArray(vm.processes) ? vm.processes.filter((g) => !groups.includes(g)) : [];
    if (unknown.length > 0) problems.push(`vm[${i}].processes: ${show(unknown)} are not groups of [processes] (§7)`);
  }
  for (const group of groups) {
    const where = `[[vm]] of group "${group}"`;
    const vm = vmFor(vms, group);
    if (!vm) {
      problems.push(`${where}: missing; every process group needs its size (§7)`);
      continue;
    }
    const want = expectedVm(spec, role, group);
    if (vm.cpu_kind !== want.cpuKind)
      problems.push(`${where}: cpu_kind ${show(vm.cpu_kind)}, expected ${show(want.cpuKind)}`);
    if (vm.cpus !== want.cpus) problems.push(`${where}: cpus ${show(vm.cpus)}, expected ${want.cpus}`);
    if (memoryMb(vm.memory) !== want.memoryMb)
      problems.push(`${where}: memory ${show(vm.memory)}, expected ${want.memoryMb} MB`);
  }
  return problems;
};

const webApp: Rule = ({ spec, role, groups, processes, httpService }) => {
  if (role !== "web") return [];
  const problems: string[] = [];
  if (!httpService) problems.push("http_service: missing; the web tier takes traffic through it (§2)");
  const wantGroups = spec.worker.kind === "process" ? ["web", "worker"] : [DEFAULT_GROUP];
  if (show(groups) !== show(wantGroups)) {
    problems.push(
      `processes: groups ${show(groups)}, expected ${show(wantGroups)} for worker "${spec.worker.kind}" (§7)`,
    );
  }
  if (processes && httpService && show(httpService.processes) !== show(["web"])) {
    problems.push(`http_service.processes: ${show(httpService.processes)}; only the web group takes traffic (§7)`);
  }
  return problems;
};

const workerApp: Rule = ({ config, role }) =>
  role === "worker" && (config.http_service !== undefined || config.services !== undefined)
    ? ["http_service/services: the worker app takes no traffic and must get no public service (§7)"]
    : [];

const RULES: readonly Rule[] = [
  appAndRegion,
  shutdown,
  quotedDurations,
  env,
  swap,
  autoStop,
  servedProcesses,
  httpServiceTables,
  vmSizes,
  webApp,
  workerApp,
];

/** The [[vm]] that sizes a group: one naming it, else one without `processes`, which covers the rest (§2). */
function vmFor(vms: Table[], group: string): Table | undefined {
  return (
    vms.find((vm) => Array.isArray(vm.processes) && vm.processes.includes(group)) ??
    vms.find((vm) => vm.processes === undefined)
  );
}

function expectedVm(spec: Spec, role: FlyRole, group: string): Vm {
  if (role === "redis") return spec.cache.vm;
  if (role === "worker" || group === "worker") return spec.worker.vm;
  return spec.web.vm;
}
