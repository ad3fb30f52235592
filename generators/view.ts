/**
 * The view every template renders: the spec plus the names and flags derived from it, computed
 * once here so templates hold no logic beyond {{#if}} and {{#each}}.
 */
import { POSTGRES_SUPPORT_NOTICE } from "../src/spec/choices.js";
import { PACKAGE_MANAGER_COMMANDS } from "../src/spec/package-manager.js";
import { REGIONS } from "../src/spec/regions.js";
import { appNames, SPEC_FILE, type Spec, type Vm } from "../src/spec/schema.js";
import { queueOnUpstash, upstashPlanOf } from "../src/spec/upstash.js";
import { poolBudget } from "./pool-budget.js";
import { ACTIONS, DEPENDENCY_VERSIONS, DEV_DEPENDENCY_VERSIONS, FLYCTL_VERSION, NODE_MAJOR } from "./versions.js";

/** Fly's preset name for a size, as `fly scale vm` and `fly postgres create --vm-size` take it. */
export function vmSizeName(vm: Vm): string {
  return `${vm.cpuKind === "shared" ? "shared-cpu" : "performance"}-${vm.cpus}x`;
}

function vmView(vm: Vm) {
  return { ...vm, size: vmSizeName(vm), memory: `${vm.memoryMb}mb` };
}

/** One Fly app that CI deploys, in deploy order, with the GitHub secret holding its deploy token. */
export interface DeployTarget {
  key: "web" | "worker";
  app: string;
  config: string;
  tokenSecret: string;
  /** The workflow expression that reads the token: `${{ secrets.NAME }}`. */
  tokenExpression: string;
  /** The job this one waits for. */
  needs: string | undefined;
}

/** Machines one `fly scale count` sets: one region per command, as a region list would be a total. */
export interface ScaleStep {
  app: string;
  /** Set only when the app's fly.toml has [processes]; otherwise flyctl's default group applies. */
  group: string | undefined;
  region: string;
  count: number;
}

/**
 * Web deploys first, because its release_command migrates the database the worker reads. The
 * Redis app is not deployed from CI: a rolling replace of its only Machine would drop the cache.
 */
function deployTargets(spec: Spec, apps: ReturnType<typeof appNames>): DeployTarget[] {
  const targets: DeployTarget[] = [
    { key: "web", app: apps.web, config: "fly.toml", needs: undefined, ...token("FLY_API_TOKEN_WEB") },
  ];
  if (spec.worker.kind === "app") {
    targets.push({
      key: "worker",
      app: apps.worker,
      config: "fly.worker.toml",
      needs: "web",
      ...token("FLY_API_TOKEN_WORKER"),
    });
  }
  return targets;
}

function token(secret: string) {
  return { tokenSecret: secret, tokenExpression: `\${{ secrets.${secret} }}` };
}

function scaleSteps(spec: Spec, apps: ReturnType<typeof appNames>): ScaleStep[] {
  const processGroups = spec.worker.kind === "process";
  const steps: ScaleStep[] = spec.regions.map((region) => ({
    app: apps.web,
    group: processGroups ? "web" : undefined,
    region,
    count: spec.web.machinesPerRegion,
  }));
  if (spec.worker.kind !== "none") {
    steps.push({
      app: processGroups ? apps.web : apps.worker,
      group: processGroups ? "worker" : undefined,
      region: spec.primaryRegion,
      count: spec.worker.count,
    });
  }
  return steps;
}

/** How the CI workflow installs the package manager and which cache setup-node keeps for it. */
function ciSetup(packageManager: Spec["packageManager"]) {
  return {
    corepack: packageManager === "pnpm" || packageManager === "yarn",
    bun: packageManager === "bun",
    // setup-node caches npm, pnpm and yarn stores; bun keeps its own.
    nodeCache: packageManager === "bun" ? undefined : packageManager,
  };
}

export function buildView(spec: Spec, generatorVersion: string) {
  const apps = appNames(spec);
  const database = spec.database;
  const cache = spec.cache;
  const worker = spec.worker;
  const hasDatabase = database.kind !== "none";
  const hasCache = cache.kind !== "none";
  const hasWorker = worker.kind !== "none";
  const upstashQueue = queueOnUpstash(spec);
  const mpgPlanNeedsTerminal = database.kind === "mpg" && database.mpgPlan === "performance";
  const upstashPlan = upstashPlanOf(spec) ?? "";
  return {
    spec,
    generatorVersion,
    specFile: SPEC_FILE,
    name: spec.name,
    org: spec.org,
    apps,
    nodeMajor: NODE_MAJOR,
    primaryRegion: spec.primaryRegion,
    regions: spec.regions,
    regionRows: spec.regions.map((code) => ({
      code,
      city: REGIONS[code],
      isPrimary: code === spec.primaryRegion,
      hasDbReplica: database.replicaRegions.includes(code),
    })),
    secondaryRegions: spec.regions.filter((r) => r !== spec.primaryRegion),
    multiRegion: spec.regions.length > 1,
    web: { ...spec.web, vm: vmView(spec.web.vm) },
    database: {
      ...database,
      vm: vmView(database.vm),
      enabled: hasDatabase,
      isPostgres: database.kind === "postgres",
      isMpg: database.kind === "mpg",
      supportNotice: POSTGRES_SUPPORT_NOTICE,
      /** Three members in the primary region: what automatic failover needs. */
      canFailOver: database.primaryMembers >= 3,
      /**
       * flyctl 0.4.87 lower-cases --plan but keys this plan "Performance" (mpg/plans.go): without
       * a terminal it creates basic instead, so bootstrap asks the user to create it by hand.
       */
      mpgPlanNeedsTerminal,
      hasReplicas: database.replicaRegions.length > 0,
      /** The one database web and worker share; Postgres names take underscores, not dashes. */
      name: spec.name.replace(/-/g, "_"),
    },
    cache: {
      ...cache,
      vm: vmView(cache.vm),
      enabled: hasCache,
      isUpstash: cache.kind === "upstash",
      isRedisApp: cache.kind === "redis-app",
      /** The plan `fly redis create --plan` gets, or "" for flyctl's default, pay-as-you-go. */
      upstashPlan,
      /** Upstash's fixed-price plans are named "Fixed <size>" (flyctl's isFixedPlan checks the same prefix). */
      upstashFixedPlan: upstashPlan.startsWith("Fixed "),
      /** BullMQ polls Redis: on pay-as-you-go every poll is a billed command. */
      upstashQueue,
      /** An evicted queue key is a lost job: eviction stays off when the queue lives in Redis. */
      evictionAllowed: !(hasWorker && worker.queue === "redis"),
      hasReplicas: cache.replicaRegions.length > 0,
      /** The Redis app's policy, and its durability: a queue must survive a restart, a cache need not. */
      maxmemoryPolicy: hasWorker && worker.queue === "redis" ? "noeviction" : "allkeys-lru",
      appendOnly: hasWorker && worker.queue === "redis" ? "yes" : "no",
      volumeSize: `${cache.volumeSizeGb}gb`,
    },
    /** Postgres connections per pool, and the arithmetic behind it (README). */
    pools: hasDatabase ? poolBudget(spec) : undefined,
    worker: {
      ...worker,
      vm: vmView(worker.vm),
      enabled: hasWorker,
      isApp: worker.kind === "app",
      isProcess: worker.kind === "process",
      queueOnPostgres: hasWorker && worker.queue === "postgres",
      queueOnRedis: hasWorker && worker.queue === "redis",
    },
    pm: PACKAGE_MANAGER_COMMANDS[spec.packageManager],
    ci: ciSetup(spec.packageManager),
    // Dependabot's npm ecosystem covers npm, pnpm and yarn lockfiles; bun.lock has its own.
    dependabot: { ecosystem: spec.packageManager === "bun" ? "bun" : "npm" },
    versions: { dependencies: DEPENDENCY_VERSIONS, devDependencies: DEV_DEPENDENCY_VERSIONS },
    actions: ACTIONS,
    flyctl: { version: FLYCTL_VERSION },
    deployTargets: deployTargets(spec, apps),
    scaleSteps: scaleSteps(spec, apps),
    /** Apps that read DATABASE_URL and REDIS_URL: the web tier, and the worker when it is an app of its own. */
    backingServices: hasDatabase || hasCache,
    /** Whether bootstrap has checks to make before it creates anything (see its preflight). */
    preflight: mpgPlanNeedsTerminal || upstashPlan !== "",
    consumerApps: worker.kind === "app" ? [apps.web, apps.worker] : [apps.web],
  };
}

export type View = ReturnType<typeof buildView>;
