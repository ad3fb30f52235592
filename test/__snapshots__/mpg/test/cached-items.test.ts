import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/lib/config.js";
import { createApp } from "../src/web/app.js";
import { DEAD_PORT, testEnv } from "./env.js";

type App = Awaited<ReturnType<typeof createApp>>;

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

  it("misses, then hits, and an update invalidates", async () => {
    const item = (await app.inject({ method: "POST", url: "/api/items", payload: { name: "cached" } })).json();
    // Redis connects in the background; wait until the first read can use it.
    await expect.poll(() => timing(app, item.id)).not.toMatch(/bypass/);
    expect(await timing(app, item.id)).toBe('cache;desc="hit"');
    await app.inject({ method: "PUT", url: `/api/items/${item.id}`, payload: { name: "changed" } });
    expect(await timing(app, item.id)).toBe('cache;desc="miss", db;desc="primary"');
    const again = await app.inject({ method: "GET", url: `/api/items/${item.id}` });
    expect(again.json().name).toBe("changed");
    expect(again.headers["server-timing"]).toBe('cache;desc="hit"');
  });

  it("serves reads from Postgres when Redis is down", async () => {
    const item = (await app.inject({ method: "POST", url: "/api/items", payload: { name: "no redis" } })).json();
    const res = await noRedis.inject({ method: "GET", url: `/api/items/${item.id}` });
    expect(res.statusCode).toBe(200);
    expect(res.json().name).toBe("no redis");
    expect(res.headers["server-timing"]).toBe('cache;desc="bypass", db;desc="primary"');
  });
});
