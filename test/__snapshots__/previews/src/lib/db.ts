/**
 * Postgres pools: writes go to the primary; reads go to this region's replica when there is one,
 * and fall back to the primary at once when the replica cannot be reached.
 */
import pg from "pg";
import type { Config } from "./config.js";
import type { Logger } from "./logger.js";
import { replicaFallbacks } from "./metrics.js";

export type DbTarget = "primary" | "replica";

export interface ReadResult<R extends pg.QueryResultRow> {
  rows: R[];
  from: DbTarget;
}

/**
 * After this many connect failures in a row the replica is skipped for REPLICA_RETRY_MS, so reads do
 * not each pay for a failed connect. One failure alone (a restart, a dropped packet) does not count.
 */
const REPLICA_FAILURES_BEFORE_SKIP = 3;
const REPLICA_RETRY_MS = 5_000;

/**
 * Fly's client guide for Managed Postgres (docs mpg/client-configuration): recycle connections
 * before Fly's proxy, which drains them over 10 minutes on a restart, cuts them. Harmless elsewhere.
 */
const MAX_LIFETIME_SECONDS = 600;
const IDLE_TIMEOUT_MS = 300_000;
/**
 * The client-side bound on a query, a little over statement_timeout: Postgres cancels a slow
 * statement itself (with a clear error); this catches a server that stopped answering altogether.
 */
const QUERY_TIMEOUT_MARGIN_MS = 1_000;

/**
 * The replica to read from, or undefined where reads go to the primary (in the primary region, or
 * when no replica can be named). DATABASE_REPLICA_URL wins; otherwise it is derived from DATABASE_URL.
 */
export function replicaUrlFor(config: Config): string | undefined {
  if (config.region === config.primaryRegion) return undefined;
  return config.databaseReplicaUrl ?? deriveReplicaUrl(config.databaseUrl, config.region);
}

/**
 * Fly Postgres: `fly postgres attach` writes `<db-app>.flycast:5432` (older versions `….internal`),
 * which always reaches the writable member. The member in `region` listens on
 * `<region>.<db-app>.internal:5433`; same credentials, database and options.
 * Other hosts (Managed Postgres, local servers) have no per-region replicas: undefined.
 */
export function deriveReplicaUrl(databaseUrl: string, region: string): string | undefined {
  const url = new URL(databaseUrl);
  const labels = url.hostname.split(".");
  const tld = labels.at(-1);
  const dbApp = labels.at(-2);
  if ((tld !== "flycast" && tld !== "internal") || !dbApp) return undefined;
  url.hostname = `${region}.${dbApp}.internal`;
  url.port = "5433";
  return url.toString();
}

/**
 * Managed Postgres: `fly mpg attach` writes the PgBouncer URL, `pgbouncer.<cluster>.flympg.net`.
 * Migrations hold a session-level advisory lock and run DDL, which PgBouncer's transaction mode
 * breaks, so the release command uses the direct URL, `direct.<cluster>.flympg.net`, as Fly's client
 * guide says (docs mpg/client-configuration). DIRECT_DATABASE_URL wins; any other host is already direct.
 */
export function migrationUrl(config: Pick<Config, "databaseUrl" | "directDatabaseUrl">): string {
  if (config.directDatabaseUrl) return config.directDatabaseUrl;
  const url = new URL(config.databaseUrl);
  const pooled = /^pgbouncer\.([a-z0-9-]+)\.flympg\.net$/i.exec(url.hostname);
  if (!pooled) return config.databaseUrl;
  url.hostname = `direct.${pooled[1]}.flympg.net`;
  return url.toString();
}

/** A server refusing, unresolvable or unroutable, or a connection its host dropped (node's errno codes). */
const CONNECT_ERRNOS = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ETIMEDOUT",
]);
/** pg-pool's message for a new connection that did not finish its handshake in time. */
const CONNECT_TIMEOUT = "Connection terminated due to connection timeout";

/**
 * Whether the server could not be reached: refused, unresolvable, timed out while connecting, or
 * refusing connections (SQLSTATE class 08, and 57P01-57P03 for a server shutting down or starting).
 * Not a full pool ("timeout exceeded when trying to connect": the server is busy, not gone), not a
 * statement timeout, not a query that is wrong: those say nothing about the server's reachability.
 */
export function isConnectFailure(error: unknown): boolean {
  if (error instanceof pg.DatabaseError) {
    const code = error.code ?? "";
    return code.startsWith("08") || ["57P01", "57P02", "57P03"].includes(code);
  }
  if (!(error instanceof Error)) return false;
  const errno = (error as NodeJS.ErrnoException).code;
  return (errno !== undefined && CONNECT_ERRNOS.has(errno)) || error.message === CONNECT_TIMEOUT;
}

/** A write that reached a read-only server: the caller should replay it in the primary region. */
export function isReadOnlyTransaction(error: unknown): boolean {
  return error instanceof pg.DatabaseError && error.code === "25006";
}

export class Db {
  readonly primary: pg.Pool;
  readonly replica: pg.Pool | undefined;
  readonly #log: Logger;
  #replicaFailures = 0;
  #replicaRetryAt = 0;

  constructor(config: Config, log: Logger) {
    this.#log = log;
    const limits = config.database;
    this.primary = pool(config.databaseUrl, "primary", log, limits, limits.connectTimeoutMs);
    const replicaUrl = replicaUrlFor(config);
    this.replica = replicaUrl ? pool(replicaUrl, "replica", log, limits, limits.replicaConnectTimeoutMs) : undefined;
  }

  /**
   * A read-only query: on the replica when there is one, else on the primary. A read whose replica
   * cannot be connected to is answered by the primary; a busy replica (a full pool, a slow query)
   * fails the read instead, because sending the load across an ocean at peak helps nobody.
   */
  async read<R extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<ReadResult<R>> {
    if (this.replica && Date.now() >= this.#replicaRetryAt) {
      try {
        const { rows } = await this.replica.query<R>(text, values);
        this.#replicaFailures = 0;
        return { rows, from: "replica" };
      } catch (error) {
        if (!isConnectFailure(error)) throw error;
        this.#replicaFailures += 1;
        replicaFallbacks.inc();
        if (this.#replicaFailures >= REPLICA_FAILURES_BEFORE_SKIP) {
          this.#replicaRetryAt = Date.now() + REPLICA_RETRY_MS;
        }
        this.#log.warn(
          { err: error, failures: this.#replicaFailures },
          "replica unreachable: reading from the primary",
        );
      }
    }
    const { rows } = await this.primary.query<R>(text, values);
    return { rows, from: "primary" };
  }

  /** A query that writes: always on the primary. */
  async write<R extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<R[]> {
    const { rows } = await this.primary.query<R>(text, values);
    return rows;
  }

  /** For /readyz: each server on its own, without the fallback. */
  async ping(target: DbTarget): Promise<void> {
    await (target === "primary" ? this.primary : this.replica)?.query("SELECT 1");
  }

  async close(): Promise<void> {
    await Promise.all([this.primary.end(), this.replica?.end()]);
  }
}

function pool(
  connectionString: string,
  role: DbTarget,
  log: Logger,
  limits: Config["database"],
  connectionTimeoutMillis: number,
): pg.Pool {
  const p = new pg.Pool({
    connectionString,
    application_name: role,
    max: limits.poolMax,
    // Bounds both a connect that does not complete and the wait for a free client in a full pool.
    connectionTimeoutMillis,
    query_timeout: limits.statementTimeoutMs + QUERY_TIMEOUT_MARGIN_MS,
    maxLifetimeSeconds: MAX_LIFETIME_SECONDS,
    idleTimeoutMillis: IDLE_TIMEOUT_MS,
    // SET on each new connection rather than a startup parameter, which PgBouncer (Managed
    // Postgres) refuses. pg-pool hands the client out once this has finished.
    onConnect: async (client) => {
      await client.query(`SET statement_timeout = ${limits.statementTimeoutMs}`);
    },
  });
  // An idle client whose server went away emits here; without a listener the process would crash.
  p.on("error", (error) => log.warn({ err: error, db: role }, "idle database connection lost"));
  return p;
}
