import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/lib/config.js";
import { createApp } from "../src/web/app.js";
import { testEnv } from "./env.js";

type App = Awaited<ReturnType<typeof createApp>>;

describe("/api/items in the primary region", () => {
  let app: App;
  beforeAll(async () => {
    app = await createApp(loadConfig(testEnv()));
  });
  afterAll(() => app.close());

  it("creates, reads, lists, updates and deletes an item", async () => {
    const created = await app.inject({ method: "POST", url: "/api/items", payload: { name: "first", data: { n: 1 } } });
    expect(created.statusCode).toBe(201);
    const item = created.json();
    expect(item).toMatchObject({ name: "first", data: { n: 1 } });
    expect(item.id).toMatch(/^[0-9a-f-]{36}$/);

    const read = await app.inject({ method: "GET", url: `/api/items/${item.id}` });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(item);
    expect(read.headers["server-timing"]).toMatch(/db;desc="primary";dur=\d+\.\d|cache;desc="hit";dur=\d+\.\d/);

    const list = await app.inject({ method: "GET", url: "/api/items?limit=100" });
    expect(list.json().items.map((i: { id: string }) => i.id)).toContain(item.id);

    const updated = await app.inject({ method: "PUT", url: `/api/items/${item.id}`, payload: { name: "renamed" } });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ id: item.id, name: "renamed", data: null, version: item.version + 1 });
    expect((await app.inject({ method: "GET", url: `/api/items/${item.id}` })).json().name).toBe("renamed");

    expect((await app.inject({ method: "DELETE", url: `/api/items/${item.id}` })).statusCode).toBe(204);
    expect((await app.inject({ method: "GET", url: `/api/items/${item.id}` })).statusCode).toBe(404);
  });

  it("answers 404 for an unknown id and 400 for bad input", async () => {
    expect((await app.inject({ method: "GET", url: `/api/items/${randomUUID()}` })).statusCode).toBe(404);
    expect((await app.inject({ method: "GET", url: "/api/items/not-an-id" })).statusCode).toBe(404);
    expect((await app.inject({ method: "DELETE", url: `/api/items/${randomUUID()}` })).statusCode).toBe(404);
    const badJson = await app.inject({
      method: "POST",
      url: "/api/items",
      headers: { "content-type": "application/json" },
      payload: "{ name: ",
    });
    expect(badJson.statusCode).toBe(400);
    const invalid = await app.inject({ method: "POST", url: "/api/items", payload: { name: "" } });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error).toMatch(/name/);
    expect((await app.inject({ method: "GET", url: "/api/items?limit=0" })).statusCode).toBe(400);
  });

  it("bounds how long a client may take to send its request (REQUEST_TIMEOUT_MS; Fastify's default is none)", async () => {
    const bounded = await createApp(loadConfig(testEnv({ REQUEST_TIMEOUT_MS: "2500" })));
    try {
      expect(bounded.server.requestTimeout).toBe(2_500);
    } finally {
      await bounded.close();
    }
  });

  it("answers 400, not a stack overflow, for JSON nested deeper than 32 levels", async () => {
    const nested = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;
    const post = (data: string) =>
      app.inject({
        method: "POST",
        url: "/api/items",
        headers: { "content-type": "application/json" },
        payload: `{"name":"deep","data":${data}}`,
      });
    const deep = await post(nested(2_000));
    expect(deep.statusCode).toBe(400);
    expect(deep.json().error).toMatch(/nested deeper than 32 levels/);
    expect((await post(nested(31))).statusCode).toBe(201);
  });

  it("replays a write refused by a read-only database (SQLSTATE 25006) once, then answers 503", async () => {
    const config = loadConfig(testEnv());
    const readOnly = new URL(config.databaseUrl);
    readOnly.searchParams.set("options", "-c default_transaction_read_only=on");
    const readOnlyApp = await createApp({ ...config, databaseUrl: readOnly.toString() });
    try {
      const write = { method: "POST", url: "/api/items", payload: { name: "x" } } as const;
      const res = await readOnlyApp.inject(write);
      expect(res.statusCode).toBe(409);
      // In the primary region: Fly Proxy must pick another Machine than this one.
      expect(res.headers["fly-replay"]).toBe("region=iad;state=captured_write;elsewhere=true");
      // The same write as Fly Proxy replays it: a second replay would go round in a loop.
      const replayed = await readOnlyApp.inject({
        ...write,
        headers: { "fly-replay-src": "instance=abc;region=iad;t=1;state=captured_write" },
      });
      expect(replayed.statusCode).toBe(503);
      expect(replayed.headers["retry-after"]).toBe("5");
      expect(replayed.headers["fly-replay"]).toBeUndefined();
    } finally {
      await readOnlyApp.close();
    }
  });

  it("marks a successful write so its author reads from the primary for 5 s; a refused one is not marked", async () => {
    const before = Date.now();
    const created = await app.inject({ method: "POST", url: "/api/items", payload: { name: "marked" } });
    const cookie = String(created.headers["set-cookie"]);
    expect(cookie).toMatch(/^fly-replay-threshold=\d+; Max-Age=5; Path=\/; Secure; HttpOnly; SameSite=Lax$/);
    const until = Number(/=(\d+)/.exec(cookie)?.[1]);
    expect(until).toBeGreaterThanOrEqual(before + 5_000);
    expect(until).toBeLessThanOrEqual(Date.now() + 5_000);

    const refused = await app.inject({ method: "POST", url: "/api/items", payload: { name: "" } });
    expect(refused.statusCode).toBe(400);
    expect(refused.headers["set-cookie"]).toBeUndefined();
    expect((await app.inject({ method: "GET", url: "/api/items?limit=1" })).headers["set-cookie"]).toBeUndefined();
  });
});

describe("/api/items outside the primary region", () => {
  let primary: App;
  let edge: App;
  beforeAll(async () => {
    primary = await createApp(loadConfig(testEnv()));
    // The test database stands in for lhr's replica.
    edge = await createApp(loadConfig(testEnv({ FLY_REGION: "lhr", DATABASE_REPLICA_URL: process.env.DATABASE_URL })));
  });
  afterAll(() => Promise.all([primary.close(), edge.close()]));

  it("replays writes to the primary region without writing", async () => {
    const name = `edge-${randomUUID()}`;
    for (const [method, url] of [
      ["POST", "/api/items"],
      ["PUT", `/api/items/${randomUUID()}`],
      ["DELETE", `/api/items/${randomUUID()}`],
    ] as const) {
      const res = await edge.inject({ method, url, payload: { name } });
      expect(res.statusCode).toBe(409);
      expect(res.headers["fly-replay"]).toBe("region=iad;state=http_method");
    }
    const list = await primary.inject({ method: "GET", url: "/api/items?limit=100" });
    expect(list.json().items.map((i: { name: string }) => i.name)).not.toContain(name);
  });

  it("answers OPTIONS and HEAD where they arrive: they are not writes", async () => {
    for (const method of ["OPTIONS", "HEAD"] as const) {
      const res = await edge.inject({ method, url: "/api/items" });
      expect(res.headers["fly-replay"]).toBeUndefined();
    }
  });

  it("replays the reads of a client that wrote in the last 5 s, and no others", async () => {
    const written = await primary.inject({ method: "POST", url: "/api/items", payload: { name: "mine" } });
    const cookie = String(written.headers["set-cookie"]).split(";")[0] as string;
    const mine = await edge.inject({ method: "GET", url: `/api/items/${written.json().id}`, headers: { cookie } });
    expect(mine.statusCode).toBe(409);
    expect(mine.headers["fly-replay"]).toBe("region=iad;state=threshold");

    const expired = `fly-replay-threshold=${Date.now() - 1}`;
    const later = await edge.inject({
      method: "GET",
      url: "/api/items?limit=1",
      headers: { cookie: `a=1; ${expired}` },
    });
    expect(later.statusCode).toBe(200);
    expect((await edge.inject({ method: "GET", url: "/api/items?limit=1" })).statusCode).toBe(200);
    // Only the API is replayed: health checks answer where they are asked.
    expect((await edge.inject({ method: "GET", url: "/healthz", headers: { cookie } })).statusCode).toBe(200);
  });

  it("reads from the replica and says so", async () => {
    const created = (await primary.inject({ method: "POST", url: "/api/items", payload: { name: "seen" } })).json();
    const res = await edge.inject({ method: "GET", url: "/api/items?limit=100" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["server-timing"]).toMatch(/db;desc="replica"/);
    expect(res.json().items.map((i: { id: string }) => i.id)).toContain(created.id);
  });
});
