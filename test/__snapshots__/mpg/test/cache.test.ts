import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { Cache } from "../src/lib/cache.js";
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

  it("misses, then hits what was set, then misses after a delete", async () => {
    const cache = await ready(new Cache(config, log));
    caches.push(cache);
    const key = `test:${randomUUID()}`;
    expect(await cache.get(key)).toEqual({ status: "miss" });
    await cache.set(key, { a: 1 }, 60);
    expect(await cache.get(key)).toEqual({ status: "hit", value: { a: 1 } });
    await cache.delete(key);
    expect(await cache.get(key)).toEqual({ status: "miss" });
  });

  it("bypasses, without throwing, when Redis cannot be reached", async () => {
    const cache = new Cache({ ...config, redisUrl: `redis://127.0.0.1:${DEAD_PORT}` }, log);
    caches.push(cache);
    expect(await cache.get("any")).toEqual({ status: "bypass" });
    await cache.set("any", 1, 60);
    await cache.delete("any");
    await expect(cache.ping()).rejects.toThrow();
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
