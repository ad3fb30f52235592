import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Cache } from "../src/lib/cache.js";
import { cachedItems } from "../src/lib/cached-items.js";
import { loadConfig } from "../src/lib/config.js";
import { Db } from "../src/lib/db.js";
import { type Items, itemsInPostgres } from "../src/lib/items.js";
import { createLogger } from "../src/lib/logger.js";
import { createApp } from "../src/web/app.js";
import { DEAD_PORT, testEnv } from "./env.js";

type App = Awaited<ReturnType<typeof createApp>>;

/** Server-Timing without the durations, which vary: `cache;desc="miss", db;desc="primary"`. */
const described = (header: unknown) => String(header).replace(/;dur=\d+\.\d/g, "");

describe("cache-aside item reads", () => {
  let app: App;
  let noRedis: App;
  beforeAll(async () => {
    app = await createApp(loadConfig(testEnv()));
    noRedis = await createApp(loadConfig(testEnv({ REDIS_URL: `redis://127.0.0.1:${DEAD_PORT}` })));
    await app.ready();
  });
  afterAll(() => Promise.all([app.close(), noRedis.close()]));

  const timing = async (target: App, id: string) =>
    (await target.inject({ method: "GET", url: `/api/items/${id}` })).headers["server-timing"];

  it("misses, then hits; an update replaces the entry with what it wrote", async () => {
    const item = (await app.inject({ method: "POST", url: "/api/items", payload: { name: "cached" } })).json();
    // Redis connects in the background; wait until the first read can use it.
    await expect.poll(async () => described(await timing(app, item.id))).not.toMatch(/bypass/);
    expect(await timing(app, item.id)).toMatch(/^cache;desc="hit";dur=\d+\.\d$/);
    await app.inject({ method: "PUT", url: `/api/items/${item.id}`, payload: { name: "changed" } });
    const again = await app.inject({ method: "GET", url: `/api/items/${item.id}` });
    expect(again.json()).toMatchObject({ name: "changed", version: 2 });
    expect(described(again.headers["server-timing"])).toBe('cache;desc="hit"');
    await app.inject({ method: "DELETE", url: `/api/items/${item.id}` });
    expect((await app.inject({ method: "GET", url: `/api/items/${item.id}` })).statusCode).toBe(404);
  });

  it("serves reads from Postgres when Redis is down", async () => {
    const item = (await app.inject({ method: "POST", url: "/api/items", payload: { name: "no redis" } })).json();
    const res = await noRedis.inject({ method: "GET", url: `/api/items/${item.id}` });
    expect(res.statusCode).toBe(200);
    expect(res.json().name).toBe("no redis");
    expect(described(res.headers["server-timing"])).toBe('cache;desc="bypass", db;desc="primary"');
  });
});

describe("cachedItems against Postgres and Redis", () => {
  const config = loadConfig(testEnv());
  const log = createLogger(config, "web");
  const db = new Db(config, log);
  const cache = new Cache(config, log);
  const items = itemsInPostgres(db);
  beforeAll(async () => {
    if (cache.redis.status !== "ready") await new Promise((resolve) => cache.redis.once("ready", resolve));
  });
  afterAll(() => Promise.all([db.close(), cache.close()]));

  it("a read that missed before a write cannot put the old row back after it", async () => {
    const item = await items.create({ name: "v1" });
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let readDone = () => {};
    const hasRead = new Promise<void>((resolve) => {
      readDone = resolve;
    });
    // The slow reader: it has read v1 from the database and pauses before filling the cache.
    const slow: Items = {
      ...items,
      async get(id) {
        const read = await items.get(id);
        readDone();
        await gate;
        return read;
      },
    };
    const slowRead = cachedItems(slow, cache).get(item.id);
    await hasRead;
    const writer = cachedItems(items, cache);
    await writer.update(item.id, { name: "v2" });
    release();
    expect((await slowRead).value?.name).toBe("v1");
    const next = await writer.get(item.id);
    expect(next.value?.name).toBe("v2");
    expect(next.source.cache?.status).toBe("hit");
  });

  it("50 concurrent reads of a cold key make one query and one fill", async () => {
    const item = await items.create({ name: "cold" });
    const query = vi.fn(items.get);
    const store = vi.spyOn(cache, "store");
    const cached = cachedItems({ ...items, get: query }, cache);
    const reads = await Promise.all(Array.from({ length: 50 }, () => cached.get(item.id)));
    expect(reads.map((read) => read.value?.name)).toEqual(Array(50).fill("cold"));
    expect(query).toHaveBeenCalledTimes(1);
    expect(store).toHaveBeenCalledTimes(1);
    store.mockRestore();
  });
});
