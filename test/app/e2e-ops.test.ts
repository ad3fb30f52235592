/**
 * The seed app's operations, for real: built, run as processes against a PostgreSQL 15 primary with
 * its streaming replica and a redis-server (test/harness). What a failure shows a client, bounded
 * waits against a primary that accepts TCP and never answers, the metrics and health servers,
 * quiet health checks, and the dead-letter queue of pg-boss.
 */
import { createServer, type Server, type Socket } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PostgresCluster, startPostgres } from "../harness/postgres.js";
import { type RedisServer, startRedis } from "../harness/redis.js";
import { type BuiltApp, buildApp, type Web } from "./built-app.js";
import type { AppProcess } from "./processes.js";
import { PROCESS_TEST_TIMEOUT_MS } from "./processes.js";

const DB = "ops";
const EMPTY_DB = "ops_unmigrated";

/** A TCP server that accepts every connection and never sends a byte, as a hung primary does. */
async function blackHole(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `postgres://postgres@127.0.0.1:${port}/hung`,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Waits until the process has printed a line matching `pattern` (log lines arrive after responses). */
const printed = (proc: AppProcess, pattern: RegExp) =>
  expect.poll(() => proc.output(), { timeout: 10_000 }).toMatch(pattern);

describe("the seed app's operations against real Postgres (primary + replica) and Redis", {
  timeout: PROCESS_TEST_TIMEOUT_MS,
}, () => {
  let postgres: PostgresCluster;
  let redis: RedisServer;
  let app: BuiltApp;
  let primaryDb: pg.Pool;
  const processes: AppProcess[] = [];
  const started = async (web: Promise<Web>) => {
    const w = await web;
    processes.push(w.proc);
    return w;
  };
  // Short job limits, so that the dead-letter queue is reached within a test.
  const jobLimits = { JOB_TIMEOUT_SECONDS: "1", JOB_RETRY_LIMIT: "0" };

  beforeAll(async () => {
    [postgres, redis] = await Promise.all([startPostgres({ replica: true }), startRedis()]);
    await Promise.all([postgres.createDatabase(DB), postgres.createDatabase(EMPTY_DB)]);
    app = await buildApp(
      { name: "seed" },
      { PRIMARY_REGION: "iad", DATABASE_URL: postgres.url(DB), REDIS_URL: redis.url, ...jobLimits },
    );
    await app.migrate();
    primaryDb = new pg.Pool({ connectionString: postgres.url(DB), max: 1 });
    // The last test stops the primary under this pool's idle connection.
    primaryDb.on("error", () => {});
  }, 120_000);

  afterAll(async () => {
    await Promise.all(processes.map((proc) => proc.kill("SIGKILL")));
    await primaryDb?.end();
    await Promise.all([postgres?.stop(), redis?.stop()]);
    await app?.remove();
  });

  it("a 5xx answers a generic body with the request id; the SQLSTATE and message go to the log", async () => {
    const web = await started(app.startWeb("iad", { DATABASE_URL: postgres.url(EMPTY_DB) }));
    const res = await fetch(`${web.base}/api/items`, { headers: { "fly-request-id": "01JOPS5XX" } });
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: "internal error", requestId: "01JOPS5XX" });
    await printed(web.proc, /"reqId":"01JOPS5XX".*"code":"42P01"/);
    expect(web.proc.output()).toContain('relation \\"items\\" does not exist');
  });

  it("a refused connection is not shown to the client either", async () => {
    const web = await started(app.startWeb("iad", { DATABASE_URL: "postgres://postgres@127.0.0.1:1/none" }));
    const res = await fetch(`${web.base}/api/jobs`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ type: "demo" }),
    });
    expect(res.status).toBe(500);
    expect(await res.text()).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
    await printed(web.proc, /ECONNREFUSED/);
  });

  it("against a primary that never answers: POST /api/jobs answers, shutdown completes, the worker gives up", async () => {
    const hung = await blackHole();
    try {
      const web = await started(app.startWeb("iad", { DATABASE_URL: hung.url }));
      const res = await fetch(`${web.base}/api/jobs`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ type: "demo" }),
      });
      expect(res.status).toBe(500);
      // app.close() returns: a clean exit, not the grace deadline's exit 1.
      expect(await web.proc.kill("SIGTERM")).toBe(0);
      const worker = app.startWorker({ DATABASE_URL: hung.url });
      processes.push(worker);
      expect(await worker.exited).not.toBe(0);
      expect(worker.output()).toMatch(/"msg":"the worker could not start"/);
      expect(worker.output()).toMatch(/timeout/i);
    } finally {
      await hung.close();
    }
  }, 60_000);

  it("health checks are not logged; other requests are", async () => {
    const web = await started(app.startWeb("iad", { LOG_LEVEL: "info" }));
    for (let i = 0; i < 3; i++) expect((await fetch(`${web.base}/healthz`)).status).toBe(200);
    await fetch(`${web.base}/readyz`);
    await printed(web.proc, /"url":"\/readyz"/);
    expect(web.proc.output()).not.toMatch(/"url":"\/healthz"/);
  });

  it("serves Prometheus metrics: requests by route pattern, pools, queue depth", async () => {
    const web = await started(app.startWeb("iad"));
    const id = crypto.randomUUID();
    expect((await fetch(`${web.base}/api/jobs/${id}`)).status).toBe(404);
    const res = await fetch(`${web.metrics}/metrics`);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/api\/jobs\/:id",status="404"\} 1/);
    expect(text).not.toContain(id);
    expect(text).toMatch(/db_pool_connections\{pool="queue-web"\} \d/);
    expect(text).toMatch(/^process_cpu_seconds_total/m);
  });

  it("a job that fails for good lands in pg-boss's dead-letter queue with an alert; its error is not shown", async () => {
    const web = await started(app.startWeb("iad"));
    const worker = app.startWorker();
    processes.push(worker);
    await expect
      // A worker's start-up (its pools, pg-boss's schema check) can take seconds on a busy machine.
      .poll(async () => (await fetch(`${app.workerMetrics}/healthz`).catch(() => undefined))?.status, {
        timeout: 20_000,
      })
      .toBe(200);
    // Runs past JOB_TIMEOUT_SECONDS, so its deadline stops it; no retry is left.
    const posted = await fetch(`${web.base}/api/jobs`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ type: "demo", delayMs: 10_000, payload: { n: 9 } }),
    });
    const { id } = (await posted.json()) as { id: string };
    const job = async () => (await fetch(`${web.base}/api/jobs/${id}`)).json();
    await expect.poll(job, { timeout: 20_000, interval: 250 }).toEqual({ id, state: "failed" });
    await printed(worker, new RegExp(`"jobId":"${id}".*"alert":"job_dead_lettered"`));
    const { rows } = await primaryDb.query("SELECT data FROM pgboss.job WHERE name = 'demo_dead_letter'");
    expect(rows.map((row) => row.data.payload)).toContainEqual({ n: 9 });
    const metrics = await (await fetch(`${app.workerMetrics}/metrics`)).text();
    expect(metrics).toMatch(/job_failures_total\{queue="demo",final="true"\} 1/);
    expect(metrics).toMatch(/job_queue_depth\{queue="demo"\} 0/);
  }, 60_000);

  it("the worker's health check fails once its queue connection is gone", async () => {
    await expect
      .poll(async () => (await fetch(`${app.workerMetrics}/healthz`).catch(() => undefined))?.status, {
        timeout: 20_000,
      })
      .toBe(200);
    await postgres.primary.stop("immediate");
    try {
      await expect
        .poll(async () => (await fetch(`${app.workerMetrics}/healthz`)).status, { timeout: 15_000 })
        .toBe(503);
    } finally {
      await postgres.primary.start();
    }
  }, 50_000);
});
