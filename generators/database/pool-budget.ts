/**
 * How many Postgres connections each process may hold, derived from the spec so that every Machine's
 * pools together stay within what the database accepts. The generated README prints this arithmetic.
 */
import type { Spec } from "../../src/spec/schema.js";

/**
 * Connections the database accepts from clients:
 * - Managed Postgres: "Max database connections" per plan (docs mpg/client-configuration.html.md,
 *   "Connection limits"; PgBouncer's session mode, the default, holds one of them per client).
 * - Fly Postgres (flex): postgres-flex sets max_connections = 300 (fly-apps/postgres-flex
 *   internal/flypg/pg.go, defaults), less Postgres's 3 superuser_reserved_connections and a margin
 *   for repmgr, flyadmin's health checks and a `fly postgres connect` console.
 */
const MPG_LIMITS: Record<Spec["database"]["mpgPlan"], number> = {
  basic: 50,
  starter: 50,
  launch: 150,
  scale: 300,
  performance: 300,
};
const FLEX_LIMIT = 300 - 3 - 10;

/** node-postgres's own default; more per process rarely helps a Node process with one event loop. */
const POOL_CEILING = 10;
/** The pools of pg-boss's own pg.Pool in templates/worker/src/lib/queue-pgboss.ts (worker 3, web tier 2). */
const PGBOSS_WORKER_POOL = 3;
const PGBOSS_WEB_POOL = 2;
/** The release command: its migration pool (1) and pg-boss's schema install (1). */
const RELEASE_CONNECTIONS = 2;

export interface PoolBudget {
  /** What the database accepts, and where that number comes from. */
  limit: number;
  limitSource: string;
  webMachines: number;
  /** Connections per web Machine besides its pool (pg-boss's client for enqueueing). */
  webExtra: number;
  workerConnections: number;
  releaseConnections: number;
  /** DATABASE_POOL_MAX's default: each pool's size. */
  poolMax: number;
  /** All web Machines together, pools full. */
  webTotal: number;
  /** Connections at most, all processes together, with pools full. */
  total: number;
  /** False when even pools of 1 do not fit: the README says to raise the plan or lower the counts. */
  fits: boolean;
}

export function poolBudget(spec: Spec): PoolBudget {
  const db = spec.database;
  const limit = db.kind === "mpg" ? MPG_LIMITS[db.mpgPlan] : FLEX_LIMIT;
  const limitSource =
    db.kind === "mpg"
      ? `Managed Postgres ${db.mpgPlan}: ${limit} database connections`
      : `Fly Postgres: max_connections 300, less 13 reserved for superusers, repmgr and consoles`;
  const queueOnPostgres = spec.worker.kind !== "none" && spec.worker.queue === "postgres";
  // Web Machines in other regions read from their replica, but write (and enqueue) on the primary:
  // on the primary every web Machine may hold a full pool.
  const webMachines = spec.regions.length * spec.web.machinesPerRegion;
  const webExtra = queueOnPostgres ? PGBOSS_WEB_POOL : 0;
  const workerConnections = queueOnPostgres ? spec.worker.count * PGBOSS_WORKER_POOL : 0;
  const available = limit - workerConnections - RELEASE_CONNECTIONS - webMachines * webExtra;
  const fitting = Math.floor(available / webMachines);
  const poolMax = Math.max(1, Math.min(POOL_CEILING, fitting));
  const webTotal = webMachines * (poolMax + webExtra);
  const total = webTotal + workerConnections + RELEASE_CONNECTIONS;
  return {
    limit,
    limitSource,
    webMachines,
    webExtra,
    workerConnections,
    releaseConnections: RELEASE_CONNECTIONS,
    poolMax,
    webTotal,
    total,
    fits: total <= limit,
  };
}
