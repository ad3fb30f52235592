/**
 * Redis connections, configured for Fly's private network and for failing fast when Redis is down.
 * Every key a connection sends starts with REDIS_KEY_PREFIX (ioredis's keyPrefix applies it to the
 * keys of commands and scripts, not to KEYS or SCAN patterns, which this app does not send), so
 * deployments that share one Redis never see each other's keys.
 */
import { Redis, type RedisOptions } from "ioredis";
import type { Config } from "./config.js";
import type { Logger } from "./logger.js";

export function connectRedis(config: Config, log: Logger, overrides: RedisOptions = {}): Redis {
  const redis = new Redis(config.redisUrl, {
    // Fly's private network is IPv6-only, and ioredis resolves IPv4 unless told otherwise.
    ...(config.flyAppName ? { family: 6 } : {}),
    connectTimeout: 2_000,
    // While disconnected, commands fail at once instead of queueing until Redis returns.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    // Keep reconnecting, at most every 2 s, so service resumes soon after Redis does.
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    keyPrefix: config.redisKeyPrefix,
    ...overrides,
  });
  let healthy = true;
  redis.on("error", (error) => {
    // One line per outage, not one per reconnect attempt.
    if (healthy) log.warn({ err: error }, "redis connection lost");
    healthy = false;
  });
  redis.on("ready", () => {
    if (!healthy) log.info("redis connection restored");
    healthy = true;
  });
  return redis;
}

/** QUIT when connected (pending replies arrive first); otherwise just drop the socket and stop reconnecting. */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === "ready") await redis.quit().catch(() => redis.disconnect());
  else redis.disconnect();
}
