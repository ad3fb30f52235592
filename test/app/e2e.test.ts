/**
 * Acceptance 2: the seed app for real. A Postgres primary with a streaming replica and a redis-server
 * (test/harness), the app built and migrated, web in the primary region (iad) and in lhr (reading from
 * the replica), and the worker; then each promise of the architecture, (a) to (i).
 */

import { request } from "node:http";
import { Redis } from "ioredis";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PostgresCluster, startPostgres } from "../harness/postgres.js";
import { type RedisServer, startRedis } from "../harness/redis.js";
import { type BuiltApp, buildApp, type Web } from "./built-app.js";
import type { AppProcess } from "./processes.js";
import { PROCESS_TEST_TIMEOUT_MS } from "./processes.js";

const DB = "seed";

/** The fields the tests read from the app's JSON responses. */
interface Body {
  id: string;
  name: string;
  state: string;
  items: { id: string }[];
  [field: string]: unknown;
}
const body = async (res: Response | Promise<Response>) => (await (await res).json()) as Body;

describe("the seed app against real Postgres (primary + replica) and Redis", {
  timeout: PROCESS_TEST_TIMEOUT_MS,
}, () => {
  let postgres: PostgresCluster;
  let redis: RedisServer;
  let app: BuiltApp;
  let iad: Web;
  let lhr: Web;
  let worker: AppProcess;
  let primaryDb: pg.Pool;

  beforeAll(async () => {
    [postgres, redis] = await Promise.all([startPostgres({ replica: true }), startRedis()]);
    await postgres.createDatabase(DB);
    app = await buildApp(
      { name: "seed" },
      { PRIMARY_REGION: "iad", DATABASE_URL: postgres.url(DB), REDIS_URL: redis.url },
    );
    primaryDb = new pg.Pool({ connectionString: postgres.url(DB), max: 2 });
    // A primary, its replica and a built app: on a loaded 2-core machine this has taken over 120 s.
  }, 300_000);

  afterAll(async () => {
    await Promise.all([iad?.proc.kill("SIGKILL"), lhr?.proc.kill("SIGKILL"), worker?.kill("SIGKILL")]);
    await primaryDb?.end();
    await Promise.all([postgres?.stop(), redis?.stop()]);
    await app?.remove();
  });

  const get = (web: Web, path: string) => fetch(`${web.base}${path}`);
  const send = (web: Web, method: string, path: string, body: unknown) =>
    fetch(`${web.base}${path}`, {
      method,
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  /** Server-Timing without the durations, which vary: `cache;desc="miss", db;desc="replica"`. */
  const timing = (res: Response) => (res.headers.get("server-timing") ?? "").replace(/;dur=\d+\.\d/g, "");

  it("migrates, and migrating again is harmless", async () => {
    await app.migrate();
    await app.migrate();
    const { rows } = await primaryDb.query("SELECT name FROM schema_migrations");
    expect(rows.map((r) => r.name)).toEqual(["001_items.sql", "002_items_version.sql"]);

    iad = await app.startWeb("iad");
    lhr = await app.startWeb("lhr", { DATABASE_REPLICA_URL: postgres.url(DB, "replica") });
    worker = app.startWorker();
    const ready = await body(get(lhr, "/readyz"));
    expect(ready).toMatchObject({ region: "lhr", primaryRegion: "iad", db: { primary: "ok", replica: "ok" } });
    // Listening on `::` serves IPv6 (Fly's private network) as well as IPv4 (Fly Proxy).
    expect((await fetch(`http://[::1]:${new URL(iad.base).port}/healthz`)).status).toBe(200);
  });

  it("(a)+(c) a write in the primary region is visible through the replica, read in lhr", async () => {
    const created = await send(iad, "POST", "/api/items", { name: "from iad", data: { n: 1 } });
    expect(created.status).toBe(201);
    const item = await body(created);
    // Never cached, so every list read goes to the database: lhr's is the replica.
    await expect
      .poll(
        async () => {
          const res = await get(lhr, "/api/items?limit=100");
          const ids = (await body(res)).items.map((i) => i.id);
          return { timing: timing(res), seen: ids.includes(item.id) };
        },
        { timeout: 10_000 },
      )
      .toEqual({ timing: 'cache;desc="bypass", db;desc="replica"', seen: true });
    const one = await get(lhr, `/api/items/${item.id}`);
    expect(await body(one)).toEqual(item);
    expect(timing(one)).toBe('cache;desc="miss", db;desc="replica"');
  });

  it("(b) a write in lhr gets 409 + fly-replay to the primary and changes nothing", async () => {
    const item = await body(send(iad, "POST", "/api/items", { name: "original" }));
    const before = await primaryDb.query("SELECT count(*)::int AS n FROM items");
    for (const [method, path] of [
      ["POST", "/api/items"],
      ["PUT", `/api/items/${item.id}`],
      ["DELETE", `/api/items/${item.id}`],
    ] as const) {
      const res = await send(lhr, method, path, { name: "from lhr" });
      expect(res.status).toBe(409);
      expect(res.headers.get("fly-replay")).toBe("region=iad;state=http_method");
    }
    expect((await primaryDb.query("SELECT count(*)::int AS n FROM items")).rows).toEqual(before.rows);
    const { rows } = await primaryDb.query("SELECT name FROM items WHERE id = $1", [item.id]);
    expect(rows).toEqual([{ name: "original" }]);
  });

  it("(b'') after a write in iad, the writer's reads in lhr are replayed to iad; other clients read the replica", async () => {
    const written = await send(iad, "POST", "/api/items", { name: "read your writes" });
    const { id } = await body(written);
    const cookie = (written.headers.get("set-cookie") ?? "").split(";")[0] as string;
    expect(cookie).toMatch(/^fly-replay-threshold=\d+$/);
    const mine = await fetch(`${lhr.base}/api/items/${id}`, { headers: { cookie } });
    expect(mine.status).toBe(409);
    expect(mine.headers.get("fly-replay")).toBe("region=iad;state=threshold");
    const theirs = await get(lhr, "/api/items?limit=1");
    expect(timing(theirs)).toBe('cache;desc="bypass", db;desc="replica"');
  });

  it("(b') a write that reaches the streaming replica (SQLSTATE 25006) is replayed to the primary", async () => {
    // The primary moved, or DATABASE_URL names a replica: the web tier's writes reach a hot standby.
    const misrouted = await app.startWeb("iad", { DATABASE_URL: postgres.url(DB, "replica") });
    try {
      const before = await primaryDb.query("SELECT count(*)::int AS n FROM items");
      const res = await send(misrouted, "POST", "/api/items", { name: "to a standby" });
      expect(res.status).toBe(409);
      expect(res.headers.get("fly-replay")).toBe("region=iad;state=captured_write;elsewhere=true");
      expect((await primaryDb.query("SELECT count(*)::int AS n FROM items")).rows).toEqual(before.rows);
      // The log line reaches us through a pipe, after the response: wait for it.
      await expect
        .poll(() => misrouted.proc.output(), { timeout: 10_000 })
        .toMatch(/write reached a read-only database/);
      // Replayed by Fly Proxy and refused again: 503, not another replay round.
      const again = await fetch(`${misrouted.base}/api/items`, {
        method: "POST",
        headers: { "content-type": "application/json", "fly-replay-src": "region=iad;state=captured_write" },
        body: JSON.stringify({ name: "to a standby, replayed" }),
      });
      expect(again.status).toBe(503);
      expect(again.headers.get("fly-replay")).toBeNull();
    } finally {
      await misrouted.proc.kill("SIGTERM");
    }
  });

  it("(d) the second read is a cache hit; an update replaces it with the new value", async () => {
    const item = await body(send(iad, "POST", "/api/items", { name: "cache me" }));
    expect(timing(await get(iad, `/api/items/${item.id}`))).toBe('cache;desc="miss", db;desc="primary"');
    const hit = await get(iad, `/api/items/${item.id}`);
    expect(timing(hit)).toBe('cache;desc="hit"');
    expect((await body(hit)).name).toBe("cache me");

    expect((await send(iad, "PUT", `/api/items/${item.id}`, { name: "changed" })).status).toBe(200);
    // The write stored what it wrote: the next read is a hit on the new value.
    const afterUpdate = await get(iad, `/api/items/${item.id}`);
    expect(timing(afterUpdate)).toBe('cache;desc="hit"');
    expect((await body(afterUpdate)).name).toBe("changed");
  });

  it("(d') a read in lhr from a lagging replica cannot put the old row back for the writer in iad", async () => {
    const item = await body(send(iad, "POST", "/api/items", { name: "before" }));
    const replicaDb = new pg.Client({ connectionString: postgres.url(DB, "replica") });
    const cacheClient = new Redis(redis.url);
    await replicaDb.connect();
    try {
      await expect
        .poll(async () => (await replicaDb.query("SELECT 1 FROM items WHERE id = $1", [item.id])).rowCount)
        .toBe(1);
      await replicaDb.query("SELECT pg_wal_replay_pause()");
      expect((await send(iad, "PUT", `/api/items/${item.id}`, { name: "after" })).status).toBe(200);
      // The entry evicted (or expired) before the replica catches up: lhr misses and reads the old row.
      await cacheClient.del(`item:{${item.id}}`);
      const there = await get(lhr, `/api/items/${item.id}`);
      expect(timing(there)).toBe('cache;desc="miss", db;desc="replica"');
      expect((await body(there)).name).toBe("before");
      // The writer's next read (in iad, or replayed there) sees its write, not lhr's old row.
      const mine = await get(iad, `/api/items/${item.id}`);
      expect((await body(mine)).name).toBe("after");
      expect((await body(get(iad, `/api/items/${item.id}`))).name).toBe("after");
    } finally {
      await replicaDb.query("SELECT pg_wal_replay_resume()");
      await replicaDb.end();
      cacheClient.disconnect();
    }
  });

  it("(e') with Redis stalled (CLIENT PAUSE), reads stop waiting for it after 3 timeouts", async () => {
    const web = await app.startWeb("iad", {
      LOG_LEVEL: "warn",
      REDIS_COMMAND_TIMEOUT_MS: "200",
      REDIS_BREAKER_FAILURES: "3",
      REDIS_BREAKER_COOLDOWN_MS: "60000",
    });
    const admin = new Redis(redis.url);
    try {
      const item = await body(send(web, "POST", "/api/items", { name: "stalled" }));
      // Redis connects in the background: read until the item is cached.
      await expect
        .poll(async () => timing(await get(web, `/api/items/${item.id}`)), { timeout: 10_000 })
        .toBe('cache;desc="hit"');
      await admin.call("CLIENT", "PAUSE", "5000", "ALL");
      for (let i = 0; i < 8; i++) {
        const res = await get(web, `/api/items/${item.id}`);
        expect(res.status).toBe(200);
        expect(timing(res)).toBe('cache;desc="bypass", db;desc="primary"');
      }
      await expect.poll(() => web.proc.output(), { timeout: 10_000 }).toMatch(/redis is not answering/);
      // Only the reads before the breaker opened waited for Redis; the other 5 skipped it.
      expect(web.proc.output().match(/cache read failed/g)).toHaveLength(3);
    } finally {
      await web.proc.kill("SIGKILL");
      // Answered once the pause is over.
      await admin.ping();
      admin.disconnect();
    }
  });

  it("(e) with redis-server stopped, reads still answer 200 from Postgres; hits resume when it returns", async () => {
    const item = await body(send(iad, "POST", "/api/items", { name: "no redis" }));
    await redis.stop();
    for (let i = 0; i < 3; i++) {
      const res = await get(iad, `/api/items/${item.id}`);
      expect(res.status).toBe(200);
      expect(timing(res)).toBe('cache;desc="bypass", db;desc="primary"');
    }
    const ready = await body(get(iad, "/readyz"));
    expect(ready).toMatchObject({ cache: "down", db: { primary: "ok" } });

    await redis.start();
    await expect
      .poll(async () => timing(await get(iad, `/api/items/${item.id}`)), { timeout: 10_000 })
      .toBe('cache;desc="hit"');
  });

  it("(f) with the replica stopped, lhr reads fall back to the primary from the first read", async () => {
    await postgres.replica?.stop("immediate");
    const res = await get(lhr, "/api/items?limit=5");
    expect(res.status).toBe(200);
    expect(timing(res)).toBe('cache;desc="bypass", db;desc="primary"');
    expect(await body(get(lhr, "/readyz"))).toMatchObject({ db: { primary: "ok", replica: "down" } });

    await postgres.replica?.start();
    await expect
      .poll(async () => timing(await get(lhr, "/api/items?limit=5")), { timeout: 15_000 })
      .toBe('cache;desc="bypass", db;desc="replica"');
  });

  it("(g) a job enqueued by the web tier is completed by the worker", async () => {
    const res = await send(iad, "POST", "/api/jobs", { type: "demo", payload: { hello: "world" } });
    expect(res.status).toBe(202);
    const { id } = await body(res);
    await expect
      .poll(async () => body(get(iad, `/api/jobs/${id}`)), { timeout: 20_000 })
      .toMatchObject({ id, state: "completed", result: { echo: { hello: "world" } } });
  });

  it("(h) a worker killed with SIGKILL mid-job is restarted, and the job completes", async () => {
    const { id } = await body(send(iad, "POST", "/api/jobs", { type: "demo", delayMs: 5_000 }));
    await expect.poll(async () => (await body(get(iad, `/api/jobs/${id}`))).state, { timeout: 20_000 }).toBe("active");
    expect(await worker.kill("SIGKILL")).toBe("SIGKILL");
    worker = app.startWorker();
    // After the job's expiry (its 30 s deadline + 10 s), the next maintenance pass retries it: a
    // deadline of two minutes, since a loaded machine has taken over one.
    await expect
      .poll(async () => body(get(iad, `/api/jobs/${id}`)), { timeout: 120_000, interval: 1_000 })
      .toMatchObject({ id, state: "completed" });
  }, 150_000);

  it("(i) SIGTERM during a slow request: the request completes and the process exits 0", async () => {
    const body = JSON.stringify({ name: "in flight during shutdown" });
    const port = Number(new URL(iad.base).port);
    const response = new Promise<{ status: number; connection?: string; body: string }>((resolve, reject) => {
      const req = request(
        {
          host: "127.0.0.1",
          port,
          method: "POST",
          path: "/api/items",
          headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
        },
        (res) => {
          let text = "";
          res.on("data", (chunk: Buffer) => {
            text += chunk.toString();
          });
          res.on("end", () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body: text }));
        },
      );
      req.on("error", reject);
      // Half the body now, the rest after SIGTERM: the request is in flight while the server shuts down.
      req.write(body.slice(0, 10));
      setTimeout(() => {
        iad.proc.child.kill("SIGTERM");
        setTimeout(() => req.end(body.slice(10)), 500);
      }, 1_000);
    });
    const res = await response;
    expect(res.status).toBe(201);
    expect(JSON.parse(res.body).name).toBe("in flight during shutdown");
    // Draining: the connection closes after the response instead of idling until the client hangs up.
    expect(res.connection).toBe("close");
    expect(await iad.proc.exited).toBe(0);
    expect(iad.proc.output()).not.toMatch(/"level":50/);

    // The worker and the other web instance shut down cleanly too.
    expect(await worker.kill("SIGTERM")).toBe(0);
    expect(await lhr.proc.kill("SIGTERM")).toBe(0);
  });
});
