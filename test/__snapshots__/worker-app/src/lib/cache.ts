/**
 * A cache that never fails a request: any Redis problem is a "bypass" and the caller reads the
 * database. A command timeout bounds a Redis that hangs rather than refuses.
 */
import type { Redis } from "ioredis";
import type { Config } from "./config.js";
import type { Logger } from "./logger.js";
import { closeRedis, connectRedis } from "./redis.js";

export type CacheRead<T> = { status: "hit"; value: T } | { status: "miss" } | { status: "bypass" };

export class Cache {
  readonly redis: Redis;
  readonly #log: Logger;

  constructor(config: Config, log: Logger) {
    this.#log = log;
    this.redis = connectRedis(config, log, { commandTimeout: 500 });
  }

  async get<T>(key: string): Promise<CacheRead<T>> {
    if (this.redis.status !== "ready") return { status: "bypass" };
    try {
      const text = await this.redis.get(key);
      return text === null ? { status: "miss" } : { status: "hit", value: JSON.parse(text) as T };
    } catch (error) {
      this.#log.warn({ err: error, key }, "cache read failed");
      return { status: "bypass" };
    }
  }

  async set(key: string, value: unknown, ttlSeconds: number): Promise<void> {
    if (this.redis.status !== "ready") return;
    await this.redis.set(key, JSON.stringify(value), "EX", ttlSeconds).catch((error: unknown) => {
      this.#log.warn({ err: error, key }, "cache write failed");
    });
  }

  /** Invalidation. If Redis is unreachable the stale entry can outlive the write by at most its TTL. */
  async delete(key: string): Promise<void> {
    await this.redis.del(key).catch((error: unknown) => {
      this.#log.warn({ err: error, key }, "cache invalidation failed");
    });
  }

  async ping(): Promise<void> {
    await this.redis.ping();
  }

  async close(): Promise<void> {
    await closeRedis(this.redis);
  }
}
