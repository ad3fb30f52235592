/**
 * The queue on Redis (BullMQ), for real: a job survives its worker being SIGKILLed mid-run, because
 * the lock the dead worker stops renewing expires and the stalled-job check hands the job back.
 * The worker's health check (its metrics server's /healthz) follows its Redis connection.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PostgresCluster, startPostgres } from "../harness/postgres.js";
import { type RedisServer, startRedis } from "../harness/redis.js";
import { type BuiltApp, buildApp, type Web } from "./built-app.js";
import type { AppProcess } from "./processes.js";
import { PROCESS_TEST_TIMEOUT_MS } from "./processes.js";

describe("jobs on BullMQ against a real redis-server", { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  let postgres: PostgresCluster;
  let redis: RedisServer;
  let app: BuiltApp;
  let web: Web;
  let worker: AppProcess;

  beforeAll(async () => {
    [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
    const answers = { name: "bull", worker: { kind: "app", queue: "redis" } } as const;
    app = await buildApp(answers, { PRIMARY_REGION: "iad", DATABASE_URL: postgres.url(), REDIS_URL: redis.url });
    await app.migrate();
    web = await app.startWeb("iad");
    worker = app.startWorker();
  }, 120_000);

  afterAll(async () => {
    await Promise.all([web?.proc.kill("SIGKILL"), worker?.kill("SIGKILL")]);
    await Promise.all([postgres?.stop(), redis?.stop()]);
    await app?.remove();
  });

  const job = async (id: string) => (await fetch(`${web.base}/api/jobs/${id}`)).json() as Promise<{ state: string }>;

  it("a worker killed with SIGKILL mid-job is restarted, and the job completes", async () => {
    const res = await fetch(`${web.base}/api/jobs`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ type: "demo", delayMs: 5_000, payload: { n: 1 } }),
    });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    await expect.poll(async () => (await job(id)).state, { timeout: 20_000 }).toBe("active");
    expect(await worker.kill("SIGKILL")).toBe("SIGKILL");
    worker = app.startWorker();
    await expect
      .poll(() => job(id), { timeout: 60_000, interval: 1_000 })
      .toMatchObject({ id, state: "completed", result: { echo: { n: 1 } } });
  }, 90_000);

  it("the worker's health check fails while Redis is gone and recovers with it; /metrics has the queue depth", async () => {
    const health = async () => (await fetch(`${app.workerMetrics}/healthz`).catch(() => undefined))?.status;
    await expect.poll(health, { timeout: 10_000 }).toBe(200);
    expect(await (await fetch(`${app.workerMetrics}/metrics`)).text()).toMatch(/^job_queue_depth\{queue="demo"\} 0$/m);
    await redis.stop();
    try {
      await expect.poll(health, { timeout: 10_000 }).toBe(503);
      // A scrape still answers, without the depth the queue cannot give now.
      const scrape = await fetch(`${app.workerMetrics}/metrics`);
      expect(scrape.status).toBe(200);
      expect(await scrape.text()).not.toMatch(/^job_queue_depth\{/m);
    } finally {
      await redis.start();
    }
    await expect.poll(health, { timeout: 15_000 }).toBe(200);
  }, 40_000);

  it("SIGTERM stops the worker cleanly", async () => {
    expect(await worker.kill("SIGTERM")).toBe(0);
  });
});
