/**
 * Our rules for fly.toml, stricter than SchemaStore's schema (which allows unknown sections) and
 * than flyctl (which silently drops unknown keys): each rule is a fact from
 * shared/reference/fly-platform.md §2, §5, §7 and §10.
 */
import { REGION_CODES } from "../../src/spec/regions.js";

type Toml = Record<string, unknown>;

const TOP_LEVEL_KEYS = new Set([
  "app",
  "primary_region",
  "kill_signal",
  "kill_timeout",
  "swap_size_mb",
  "console_command",
  "build",
  "deploy",
  "env",
  "processes",
  "http_service",
  "services",
  "checks",
  "vm",
  "mounts",
  "restart",
  "metrics",
  "statics",
  "files",
  "experimental",
]);
/** A quoted Go duration; bare integers mean seconds in one place and milliseconds in another. */
const DURATION = /^\d+(ms|s|m)$/;

function seconds(duration: string): number {
  const [, n = "0", unit] = /^(\d+)(ms|s|m)$/.exec(duration) ?? [];
  return Number(n) * (unit === "m" ? 60 : unit === "ms" ? 0.001 : 1);
}

const isTable = (v: unknown): v is Toml => typeof v === "object" && v !== null && !Array.isArray(v);
const tables = (v: unknown): Toml[] => (Array.isArray(v) ? v.filter(isTable) : isTable(v) ? [v] : []);

export type FlyTomlRole = "web" | "worker" | "redis";

export interface FlyTomlExpectations {
  role: FlyTomlRole;
  app: string;
  primaryRegion: string;
  /** Web: the database migrates in release_command. */
  releaseCommand?: boolean;
  /** Redis: the maxmemory policy the queue needs. */
  maxmemoryPolicy?: string;
  /** Whether the Dockerfile that [build] names exists, relative to the config's folder. */
  fileExists: (path: string) => boolean;
}

/** Every broken rule, as "where: what" lines; empty when the file is right. */
export function flyTomlProblems(config: Toml, expect: FlyTomlExpectations): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, message: string) => {
    if (!ok) problems.push(message);
  };

  for (const key of Object.keys(config))
    check(TOP_LEVEL_KEYS.has(key), `unknown top-level key "${key}" (flyctl would ignore it)`);
  check(config.app === expect.app, `app is ${JSON.stringify(config.app)}, expected "${expect.app}"`);
  check(config.primary_region === expect.primaryRegion, `primary_region is ${JSON.stringify(config.primary_region)}`);
  check((REGION_CODES as readonly unknown[]).includes(config.primary_region), "primary_region is not a current region");
  check(config.kill_signal === "SIGTERM", "kill_signal must be SIGTERM (flyctl's default is SIGINT)");
  const killTimeout = config.kill_timeout;
  check(
    typeof killTimeout === "string" && DURATION.test(killTimeout) && seconds(killTimeout) <= 300,
    "kill_timeout must be a quoted duration of at most 300s",
  );

  const build = config.build;
  check(isTable(build) && typeof build.dockerfile === "string", "[build] must name the Dockerfile");
  if (isTable(build) && typeof build.dockerfile === "string") {
    check(expect.fileExists(build.dockerfile), `[build] dockerfile ${build.dockerfile} is not generated`);
    check(!("build_target" in build), "build_target is spelled build-target");
  }

  const env = config.env;
  check(isTable(env), "[env] is missing");
  for (const [name, value] of Object.entries(isTable(env) ? env : {})) {
    check(typeof value === "string", `[env] ${name} must be a string`);
    check(!name.startsWith("FLY_"), `[env] ${name}: names starting with FLY_ are reserved`);
  }

  const processes = isTable(config.processes) ? Object.keys(config.processes) : [];
  const groups = processes.length > 0 ? processes : ["app"];

  const vms = tables(config.vm);
  check(vms.length > 0, "[[vm]] is missing");
  for (const vm of vms) {
    check(typeof vm.memory === "string" && /^\d+(mb|gb)$/.test(vm.memory), "[[vm]] memory must be a size string");
    check(vm.cpu_kind === "shared" || vm.cpu_kind === "performance", "[[vm]] cpu_kind must be shared or performance");
    for (const group of (vm.processes as string[] | undefined) ?? []) {
      check(groups.includes(group), `[[vm]] names process group ${group}, which [processes] does not define`);
    }
  }
  if (processes.length > 1) {
    for (const group of processes) {
      check(
        vms.some((vm) => !vm.processes || (vm.processes as string[]).includes(group)),
        `process group ${group} has no [[vm]]`,
      );
    }
  }

  for (const restart of tables(config.restart)) {
    check(
      ["always", "never", "on-failure"].includes(restart.policy as string),
      "[[restart]] policy: always, never or on-failure",
    );
    for (const group of (restart.processes as string[] | undefined) ?? []) {
      check(groups.includes(group), `[[restart]] names process group ${group}, which [processes] does not define`);
    }
  }

  const http = config.http_service;
  const isWeb = expect.role === "web";
  check(isWeb === isTable(http), isWeb ? "the web app needs [http_service]" : `${expect.role}: no [http_service]`);
  check(!("services" in config), "[[services]] would expose the app; use [http_service] on the web app only");
  if (isTable(http)) {
    check(Number.isInteger(http.internal_port), "http_service.internal_port must be an integer");
    check(
      ["off", "stop", "suspend"].includes(http.auto_stop_machines as string),
      "auto_stop_machines must be a string",
    );
    check(http.auto_start_machines === true, "auto_start_machines should be true alongside auto_stop_machines");
    check(http.force_https === true, "force_https should be true");
    if (processes.length > 1) {
      check(
        Array.isArray(http.processes) && http.processes.length === 1 && processes.includes(http.processes[0]),
        "http_service.processes must name the web group only, or the proxy also routes to the worker",
      );
    }
    const concurrency = http.concurrency;
    check(isTable(concurrency) && concurrency.type === "requests", "http_service.concurrency.type should be requests");
    const checks = tables(http.checks);
    check(
      checks.some((c) => c.path === "/healthz"),
      "[[http_service.checks]] must probe /healthz",
    );
    for (const c of checks) {
      for (const key of ["interval", "timeout", "grace_period"]) {
        check(typeof c[key] === "string" && DURATION.test(c[key] as string), `check ${key} must be a quoted duration`);
      }
    }
  }

  const deploy = config.deploy;
  if (expect.releaseCommand !== undefined) {
    const has = isTable(deploy) && typeof deploy.release_command === "string";
    check(
      has === expect.releaseCommand,
      expect.releaseCommand ? "[deploy] release_command must migrate" : "no database: no release_command",
    );
  }

  if (expect.role === "worker") check(processes.length > 0, "the worker app needs [processes]");

  const mounts = tables(config.mounts);
  if (expect.role === "redis") {
    check(mounts.length === 1 && mounts[0]?.destination === "/data", "the Redis app mounts its volume at /data");
    check(
      isTable(env) && env.MAXMEMORY_POLICY === expect.maxmemoryPolicy,
      `MAXMEMORY_POLICY must be ${expect.maxmemoryPolicy}`,
    );
    check(!(isTable(env) && "REDIS_PASSWORD" in env), "the password is a secret, never in [env]");
  } else {
    check(mounts.length === 0, `${expect.role}: no volumes`);
  }
  return problems;
}
