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

/** After a failed connection the replica is skipped this long, so reads do not each pay for a retry. */
const REPLICA_RETRY_MS = 5_000;

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
 * Errors that say "this server is not answering" rather than "this query is wrong": network errors,
 * timeouts and dropped connections (not DatabaseErrors at all), and the SQLSTATE classes for
 * connection failures (08) and server shutdown (57P01-57P03).
 */
export function isUnreachable(error: unknown): boolean {
  if (!(error instanceof pg.DatabaseError)) return true;
  const code = error.code ?? "";
  return code.startsWith("08") || ["57P01", "57P02", "57P03"].includes(code);
}

/** A write that reached a read-only server: the caller should replay it in the primary region. */
export function isReadOnlyTransaction(error: unknown): boolean {
  return error instanceof pg.DatabaseError && error.code === "25006";
}

export class Db {
  readonly primary: pg.Pool;
  readonly replica: pg.Pool | undefined;
  readonly #log: Logger;
  #replicaRetryAt = 0;

  constructor(config: Config, log: Logger) {
    this.#log = log;
    this.primary = pool(config.databaseUrl, "primary", log, 5_000);
    const replicaUrl = replicaUrlFor(config);
    // A short connect timeout: a replica that does not answer must not hold reads for long.
    this.replica = replicaUrl ? pool(replicaUrl, "replica", log, 1_000) : undefined;
  }

  /** A read-only query: on the replica when there is a reachable one, else on the primary. */
  async read<R extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<ReadResult<R>> {
    if (this.replica && Date.now() >= this.#replicaRetryAt) {
      try {
        const { rows } = await this.replica.query<R>(text, values);
        return { rows, from: "replica" };
      } catch (error) {
        if (!isUnreachable(error)) throw error;
        this.#replicaRetryAt = Date.now() + REPLICA_RETRY_MS;
        replicaFallbacks.inc();
        this.#log.warn({ err: error }, "replica unreachable: reading from the primary");
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

function pool(connectionString: string, role: DbTarget, log: Logger, connectionTimeoutMillis: number): pg.Pool {
  const p = new pg.Pool({ connectionString, connectionTimeoutMillis, application_name: role, max: 10 });
  // An idle client whose server went away emits here; without a listener the process would crash.
  p.on("error", (error) => log.warn({ err: error, db: role }, "idle database connection lost"));
  return p;
}
