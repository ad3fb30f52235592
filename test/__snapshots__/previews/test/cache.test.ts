import { randomUUID } from "node:crypto";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { Cache } from "../src/lib/cache.js";
import { CircuitBreaker } from "../src/lib/circuit-breaker.js";
import { loadConfig } from "../src/lib/config.js";
import { createLogger } from "../src/lib/logger.js";
import { connectRedis } from "../src/lib/redis.js";
import { DEAD_PORT, testEnv } from "./env.js";

const config = loadConfig(testEnv());
const log = createLogger(config, "web");

async function ready(cache: Cache): Promise<Cache> {
  if (cache.redis.status !== "ready") await new Promise((resolve) => cache.redis.once("ready", resolve));
  return cache;
}

describe("Cache", () => {
  const caches: Cache[] = [];
  afterAll(() => Promise.all(caches.map((c) => c.close())));

  it("misses, then hits what was stored, then misses after an invalidation", async () => {
    const cache = await ready(new Cache(config, log));
    caches.push(cache);
    const key = `test:${randomUUID()}`;
    expect(await cache.get(key)).toEqual({ status: "miss" });
    await cache.store(key, 1, { a: 1 }, 60);
    expect(await cache.get(key)).toEqual({ status: "hit", value: { a: 1 } });
    await cache.invalidate(key);
    expect(await cache.get(key)).toEqual({ status: "miss" });
  });

  it("keeps the newest version: an older value stored later, or after an invalidation, is refused", async () => {
    const cache = await ready(new Cache(config, log));
    caches.push(cache);
    const key = `test:${randomUUID()}`;
    await cache.store(key, 2, "v2", 60);
    await cache.store(key, 1, "v1", 60);
    expect(await cache.get(key)).toEqual({ status: "hit", value: "v2" });
    await cache.store(key, 3, "v3", 60);
    expect(await cache.get(key)).toEqual({ status: "hit", value: "v3" });
    // The value evicted, its version still known: an older fill stays out.
    await cache.redis.del(key);
    await cache.store(key, 2, "v2", 60);
    expect(await cache.get(key)).toEqual({ status: "miss" });
    await cache.invalidate(key);
    await cache.store(key, 3, "v3", 60);
    expect(await cache.get(key)).toEqual({ status: "miss" });
  });

  it("spreads TTLs by ±10%, so entries filled together do not expire together", async () => {
    const cache = await ready(new Cache(config, log));
    caches.push(cache);
    const keys = Array.from({ length: 20 }, () => `test:${randomUUID()}`);
    await Promise.all(keys.map((key) => cache.store(key, 1, 1, 30)));
    const ttls = await Promise.all(keys.map((key) => cache.redis.pttl(key)));
    for (const ttl of ttls) {
      expect(ttl).toBeGreaterThan(26_000);
      expect(ttl).toBeLessThanOrEqual(33_000);
    }
    // Without jitter they would differ only by the milliseconds between the stores: 20 draws over
    // ±3 s span more than 1 s but for a chance of about 1 in 10^14.
    expect(Math.max(...ttls) - Math.min(...ttls)).toBeGreaterThan(1_000);
  });

  it("keeps deployments that share a Redis apart: every key starts with REDIS_KEY_PREFIX", async () => {
    const under = (prefix: string) => ready(new Cache(loadConfig(testEnv({ REDIS_KEY_PREFIX: prefix })), log));
    const [a, b, unprefixed] = await Promise.all([under("a:"), under("b:"), ready(new Cache(config, log))]);
    caches.push(a, b, unprefixed);
    const key = `test:${randomUUID()}`;
    await a.store(key, 1, "a's", 60);
    expect(await b.get(key)).toEqual({ status: "miss" });
    // b's invalidation fences b's entry only: a's stays.
    await b.invalidate(key);
    expect(await a.get(key)).toEqual({ status: "hit", value: "a's" });
    // The value and its version, both under a's prefix.
    expect(await unprefixed.redis.exists(`a:${key}`, `a:${key}:version`, key, `${key}:version`)).toBe(2);
    expect(await unprefixed.redis.get(`a:${key}`)).toBe(JSON.stringify("a's"));
  });

  it("bypasses, without throwing, when Redis cannot be reached", async () => {
    const cache = new Cache({ ...config, redisUrl: `redis://127.0.0.1:${DEAD_PORT}` }, log);
    caches.push(cache);
    expect(await cache.get("any")).toEqual({ status: "bypass" });
    await cache.store("any", 1, 1, 60);
    await cache.invalidate("any");
    await expect(cache.ping()).rejects.toThrow();
  });
});

describe("CircuitBreaker", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("opens after N failures in a row, for the cooldown; one failure after it opens it again", () => {
    vi.useFakeTimers();
    const breaker = new CircuitBreaker({ failures: 3, cooldownMs: 1_000 });
    expect([breaker.failed(), breaker.failed()]).toEqual([false, false]);
    breaker.succeeded();
    expect([breaker.failed(), breaker.failed(), breaker.closed]).toEqual([false, false, true]);
    expect(breaker.failed()).toBe(true);
    expect(breaker.closed).toBe(false);
    vi.advanceTimersByTime(1_000);
    expect(breaker.closed).toBe(true);
    expect(breaker.failed()).toBe(true);
    expect(breaker.closed).toBe(false);
    vi.advanceTimersByTime(1_000);
    breaker.succeeded();
    expect([breaker.failed(), breaker.closed]).toEqual([false, true]);
  });
});

describe("REDIS_KEY_PREFIX", () => {
  it("is empty unless set, and refuses a prefix that could overlap another or match as a pattern", () => {
    expect(config.redisKeyPrefix).toBe("");
    expect(loadConfig(testEnv({ REDIS_KEY_PREFIX: "pr-42:" })).redisKeyPrefix).toBe("pr-42:");
    for (const bad of ["pr-42", "pr*:", "{pr}:", "pr 42:", `${"p".repeat(64)}:`]) {
      expect(() => loadConfig(testEnv({ REDIS_KEY_PREFIX: bad })), bad).toThrow(/REDIS_KEY_PREFIX: expected at most/);
    }
  });
});

describe("connectRedis", () => {
  it("uses IPv6 on Fly (FLY_APP_NAME set), where the private network has no IPv4", async () => {
    const onFly = connectRedis({ ...config, flyAppName: "acme-web" }, log, { lazyConnect: true });
    const local = connectRedis(config, log, { lazyConnect: true });
    expect(onFly.options.family).toBe(6);
    expect(local.options.family).not.toBe(6);
    onFly.disconnect();
    local.disconnect();
  });
});
