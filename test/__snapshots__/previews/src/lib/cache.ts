/**
 * A cache that never fails a request: any Redis problem is a "bypass" and the caller reads the
 * database. A command timeout bounds a Redis that hangs rather than refuses, and a circuit breaker
 * stops paying that timeout on every read once Redis has stalled.
 *
 * Entries are versioned. Next to each value Redis keeps the newest version written or read of it
 * (`<key>:version`, for FENCE_MS), and a Lua script stores a value only if its version is not older.
 * This closes both ways a cache-aside read puts an old value back after a write invalidated it:
 * a read that started before the write and fills after it (in any region), and a read served by a
 * replica that has not replayed the write yet. Why not the alternatives: filling only from primary
 * reads would leave regions with a replica uncached; refusing fills for a fixed time after a write
 * guesses the replica lag. A version compare is exact, and costs one script call per miss, not per hit.
 */
import type { Redis, Result } from "ioredis";
import { CircuitBreaker } from "./circuit-breaker.js";
import type { Config } from "./config.js";
import type { Logger } from "./logger.js";
import { closeRedis, connectRedis } from "./redis.js";

export type CacheRead<T> = { status: "hit"; value: T } | { status: "miss" } | { status: "bypass" };

/**
 * How long the newest version of an entry is remembered: far longer than a replica may lag while it
 * still serves reads, and than a value lives. A fill older than this fence can no longer be told apart.
 */
const FENCE_MS = 10 * 60_000;
/** The version of a deleted entry: no read can fill it again while its fence lasts. */
const DELETED = Number.MAX_SAFE_INTEGER;
/** Each TTL is spread ±10%, so entries filled together do not all expire (and miss) together. */
const TTL_JITTER = 0.1;

/** KEYS: the value, its newest version. ARGV: version, value ("" deletes it), value TTL (ms), fence TTL (ms). */
const STORE_IF_NOT_OLDER = `
local newest = tonumber(redis.call('GET', KEYS[2]))
if newest and tonumber(ARGV[1]) < newest then return 0 end
redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[4])
if ARGV[2] == '' then redis.call('DEL', KEYS[1]) else redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) end
return 1
`;

declare module "ioredis" {
  interface RedisCommander<Context> {
    storeIfNotOlder(
      key: string,
      versionKey: string,
      version: number,
      value: string,
      ttlMs: number,
      fenceMs: number,
    ): Result<0 | 1, Context>;
  }
}

export class Cache {
  readonly redis: Redis;
  readonly #log: Logger;
  readonly #breaker: CircuitBreaker;
  readonly #cooldownMs: number;

  constructor(config: Config, log: Logger) {
    this.#log = log;
    this.redis = connectRedis(config, log, { commandTimeout: config.redis.commandTimeoutMs });
    // ioredis sends EVALSHA, and the script itself only when Redis does not have it yet.
    this.redis.defineCommand("storeIfNotOlder", { numberOfKeys: 2, lua: STORE_IF_NOT_OLDER });
    this.#cooldownMs = config.redis.breakerCooldownMs;
    this.#breaker = new CircuitBreaker({ failures: config.redis.breakerFailures, cooldownMs: this.#cooldownMs });
  }

  /** Whether a command may be sent now: connected, and not skipped by the breaker. */
  get #usable(): boolean {
    return this.redis.status === "ready" && this.#breaker.closed;
  }

  async get<T>(key: string): Promise<CacheRead<T>> {
    if (!this.#usable) return { status: "bypass" };
    try {
      const text = await this.redis.get(key);
      this.#breaker.succeeded();
      return text === null ? { status: "miss" } : { status: "hit", value: JSON.parse(text) as T };
    } catch (error) {
      this.#failed(error, key, "cache read failed");
      return { status: "bypass" };
    }
  }

  /**
   * Stores `value` as version `version` of `key` for about `ttlSeconds`, unless a newer version was
   * stored or read since: then the newer one stays. Writers call it with what they wrote, readers
   * with what they read.
   */
  async store(key: string, version: number, value: unknown, ttlSeconds: number): Promise<void> {
    if (!this.#usable) return;
    const ttlMs = Math.round(ttlSeconds * 1000 * (1 - TTL_JITTER + 2 * TTL_JITTER * Math.random()));
    await this.#storeIfNotOlder(key, version, JSON.stringify(value), ttlMs, "cache write failed");
  }

  /**
   * Deletes `key` for good: no later store can bring back a value read before this. Sent even while
   * the breaker is open (a write is worth a timeout); if Redis is unreachable, the old entry can
   * outlive the write by at most its TTL.
   */
  async invalidate(key: string): Promise<void> {
    await this.#storeIfNotOlder(key, DELETED, "", 0, "cache invalidation failed");
  }

  async #storeIfNotOlder(key: string, version: number, text: string, ttlMs: number, failure: string): Promise<void> {
    try {
      await this.redis.storeIfNotOlder(key, `${key}:version`, version, text, ttlMs, FENCE_MS);
      this.#breaker.succeeded();
    } catch (error) {
      this.#failed(error, key, failure);
    }
  }

  #failed(error: unknown, key: string, message: string): void {
    this.#log.warn({ err: error, key }, message);
    if (this.#breaker.failed()) {
      this.#log.warn(`redis is not answering: skipping the cache for ${this.#cooldownMs} ms`);
    }
  }

  async ping(): Promise<void> {
    await this.redis.ping();
  }

  async close(): Promise<void> {
    await closeRedis(this.redis);
  }
}
