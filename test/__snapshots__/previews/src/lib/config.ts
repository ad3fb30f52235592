/**
 * Configuration from the environment, checked once at start-up: a bad deploy fails at once with one
 * message naming every bad variable, instead of failing on the first request that needs it.
 */
import { z } from "zod";

/** Fly region codes are three lowercase letters; local runs may use any such code. */
const region = z.string().regex(/^[a-z]{3}$/, "expected a three-letter region code such as iad");

/** A duration in milliseconds: every wait this app does is bounded by one of these. */
const ms = (fallback: number) => z.coerce.number().int().min(1).max(600_000).default(fallback);

const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Fastify's requestTimeout: a client must have sent its whole request by then (slow-loris bound). */
  REQUEST_TIMEOUT_MS: ms(10_000),
  PRIMARY_REGION: region,
  /** Set by Fly on every Machine; local runs act as the primary region. */
  FLY_REGION: region.optional(),
  FLY_APP_NAME: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace"]).default("info"),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: "expected a postgres:// URL" }),
  /** Overrides the replica derived from DATABASE_URL (see lib/db.ts); used by local runs and tests. */
  DATABASE_REPLICA_URL: z.url({ protocol: /^postgres(ql)?$/, error: "expected a postgres:// URL" }).optional(),
  /** For the release command on Managed Postgres: the URL without PgBouncer (see lib/db.ts, migrationUrl). */
  DIRECT_DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: "expected a postgres:// URL" }).optional(),
  /**
   * Connections per pool and process. The default is derived from the spec so that every Machine's
   * pools fit the database's connection limit (README, "Database connections").
   */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  /** Postgres cancels a statement that runs (or waits for a lock) longer than this. */
  DATABASE_STATEMENT_TIMEOUT_MS: ms(5_000),
  /** Opening a connection, or waiting for a free one in a full pool. */
  DATABASE_CONNECT_TIMEOUT_MS: ms(5_000),
  /** Shorter for the replica: reads that cannot reach it go to the primary instead of waiting. */
  DATABASE_REPLICA_CONNECT_TIMEOUT_MS: ms(1_000),
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: "expected a redis:// or rediss:// URL" }),
  /**
   * Starts every key this app uses in Redis, the job queue's too, so deployments can share one Redis.
   * No glob characters (a pattern over the keys would match more) and no braces (they set a Cluster hash slot).
   */
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_:-]{0,63}:$/, "expected at most 64 letters, digits, _, - or :, ending in a colon (pr-42:)")
    .default(""),
  /** A Redis that hangs rather than refuses costs a read at most this long. */
  REDIS_COMMAND_TIMEOUT_MS: ms(500),
  /** After this many failed commands in a row the cache is skipped for REDIS_BREAKER_COOLDOWN_MS. */
  REDIS_BREAKER_FAILURES: z.coerce.number().int().min(1).max(1_000).default(3),
  REDIS_BREAKER_COOLDOWN_MS: ms(5_000),
  // Operations: metrics, rate limits, jobs.
  /** Overrides the port of Prometheus metrics (and the worker's health check): see lib/metrics.ts. */
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** Writes (POST, PUT, PATCH, DELETE) one client IP may make per minute on each Machine. */
  RATE_LIMIT_WRITES_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  /** A job's handler is told to stop after this long; at most 40 s, so it ends within the worker's shutdown budget. */
  JOB_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(40).default(30),
  /** Retries after a job's first failure; then it goes to the dead-letter queue. */
  JOB_RETRY_LIMIT: z.coerce.number().int().min(0).max(20).default(5),
});

export interface Config {
  port: number;
  requestTimeoutMs: number;
  /** Where this process runs. */
  region: string;
  /** Where the writable database lives: writes are replayed there. */
  primaryRegion: string;
  /** Set on Fly only: selects IPv6 for the private network. */
  flyAppName: string | undefined;
  logLevel: string;
  databaseUrl: string;
  databaseReplicaUrl: string | undefined;
  directDatabaseUrl: string | undefined;
  database: DatabaseLimits;
  redisUrl: string;
  redisKeyPrefix: string;
  redis: RedisLimits;
  /** Unset: each process uses its own default (METRICS_PORTS in lib/metrics.ts). */
  metricsPort: number | undefined;
  rateLimitWritesPerMinute: number;
  jobTimeoutSeconds: number;
  jobRetryLimit: number;
}

export interface DatabaseLimits {
  poolMax: number;
  statementTimeoutMs: number;
  connectTimeoutMs: number;
  replicaConnectTimeoutMs: number;
}

export interface RedisLimits {
  commandTimeoutMs: number;
  breakerFailures: number;
  breakerCooldownMs: number;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Parses `env`; throws one ConfigError listing every bad variable (names and reasons, never values). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty line in .env (`DATABASE_REPLICA_URL=`) means "not set", as it does for most tools.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ""));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`invalid environment:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    region: e.FLY_REGION ?? e.PRIMARY_REGION,
    primaryRegion: e.PRIMARY_REGION,
    flyAppName: e.FLY_APP_NAME,
    logLevel: e.LOG_LEVEL,
    databaseUrl: e.DATABASE_URL,
    databaseReplicaUrl: e.DATABASE_REPLICA_URL,
    directDatabaseUrl: e.DIRECT_DATABASE_URL,
    database: {
      poolMax: e.DATABASE_POOL_MAX,
      statementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
      connectTimeoutMs: e.DATABASE_CONNECT_TIMEOUT_MS,
      replicaConnectTimeoutMs: e.DATABASE_REPLICA_CONNECT_TIMEOUT_MS,
    },
    redisUrl: e.REDIS_URL,
    redisKeyPrefix: e.REDIS_KEY_PREFIX,
    redis: {
      commandTimeoutMs: e.REDIS_COMMAND_TIMEOUT_MS,
      breakerFailures: e.REDIS_BREAKER_FAILURES,
      breakerCooldownMs: e.REDIS_BREAKER_COOLDOWN_MS,
    },
    metricsPort: e.METRICS_PORT,
    rateLimitWritesPerMinute: e.RATE_LIMIT_WRITES_PER_MINUTE,
    jobTimeoutSeconds: e.JOB_TIMEOUT_SECONDS,
    jobRetryLimit: e.JOB_RETRY_LIMIT,
  };
}

/** For entry points: the config, or the reason it is bad on stderr and exit code 1. */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
