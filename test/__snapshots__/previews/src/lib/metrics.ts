/**
 * Prometheus metrics (prom-client), served on their own port so that they never share the public
 * listener: fly.toml's [[metrics]] points Fly's scraper at METRICS_PORT and /metrics. The worker's
 * health check lives on the same small server, since the worker has no other listener.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import { within } from "./deadline.js";
import type { Logger } from "./logger.js";

/** A health check answers within this, or counts as failed. */
const HEALTH_TIMEOUT_MS = 2_000;
/** Prometheus waits for a scrape; a queue that does not answer must not make it wait long. */
const QUEUE_DEPTH_TIMEOUT_MS = 1_000;

/**
 * Where each process serves metrics unless METRICS_PORT says otherwise: two ports, so a web tier
 * and a worker can run side by side on one machine. fly.toml's [[metrics]] names the same ports.
 */
export const METRICS_PORTS = { web: 9091, worker: 9092 } as const;

export const registry = new Registry();
collectDefaultMetrics({ register: registry });

export const httpRequestDuration = new Histogram({
  name: "http_request_duration_seconds",
  help: "HTTP requests by method, route pattern and status code",
  labelNames: ["method", "route", "status"] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

export const replicaFallbacks = new Counter({
  name: "db_replica_fallbacks_total",
  help: "Reads sent to the primary because this region's replica could not be reached",
  registers: [registry],
});

export const cacheReads = new Counter({
  name: "cache_reads_total",
  help: "Cache lookups by result: hit, miss, or bypass (Redis unavailable)",
  labelNames: ["result"] as const,
  registers: [registry],
});

export const jobDuration = new Histogram({
  name: "job_duration_seconds",
  help: "Job attempts by outcome (completed or failed)",
  labelNames: ["queue", "outcome"] as const,
  buckets: [0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 20, 30, 60],
  registers: [registry],
});

export const jobFailures = new Counter({
  name: "job_failures_total",
  help: "Failed job attempts; final=true once no retry is left and the job is dead-lettered",
  labelNames: ["queue", "final"] as const,
  registers: [registry],
});

/** What a pg.Pool reports about itself: read at each scrape, so nothing in the pool's code changes. */
export interface PoolStats {
  readonly totalCount: number;
  readonly idleCount: number;
  readonly waitingCount: number;
}

const pools = new Map<string, PoolStats>();
const poolGauge = (name: string, help: string, read: (pool: PoolStats) => number) =>
  new Gauge({
    name,
    help,
    labelNames: ["pool"] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const [pool, stats] of pools) this.set({ pool }, read(stats));
    },
  });
poolGauge("db_pool_connections", "Open connections of each database pool", (pool) => pool.totalCount);
poolGauge("db_pool_idle_connections", "Idle connections of each database pool", (pool) => pool.idleCount);
poolGauge("db_pool_waiting_requests", "Queries waiting for a connection, per pool", (pool) => pool.waitingCount);

/** Reports `pool` under `name` until `unobservePool(name)` (called when the pool is closed). */
export function observePool(name: string, pool: PoolStats): void {
  pools.set(name, pool);
}

export function unobservePool(name: string): void {
  pools.delete(name);
}

const queues = new Map<string, () => Promise<number>>();
new Gauge({
  name: "job_queue_depth",
  help: "Jobs waiting to run, per queue",
  labelNames: ["queue"] as const,
  registers: [registry],
  async collect() {
    this.reset();
    for (const [queue, depth] of queues) {
      // A queue that cannot answer (soon) leaves a gap in the series instead of failing or holding the scrape.
      const jobs = await within(depth(), QUEUE_DEPTH_TIMEOUT_MS, "queue depth").catch(() => undefined);
      if (jobs !== undefined) this.set({ queue }, jobs);
    }
  },
});

/** Reports the depth of `queue`, asked of the queue at each scrape, until `unobserveQueue(queue)`. */
export function observeQueue(queue: string, depth: () => Promise<number>): void {
  queues.set(queue, depth);
}

export function unobserveQueue(queue: string): void {
  queues.delete(queue);
}

export interface OpsServer {
  port: number;
  close(): Promise<void>;
}

/**
 * GET /metrics, and GET /healthz when `health` is given (200, or 503 with the reason). Listens on
 * `::` like the web tier, so Fly's scraper and checks reach it on the private network.
 */
export async function serveMetrics(port: number, log: Logger, health?: () => Promise<void>): Promise<OpsServer> {
  const server: Server = createServer((request, response) => {
    const path = request.url?.split("?")[0];
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405, { allow: "GET, HEAD" }).end();
    } else if (path === "/metrics") {
      registry.metrics().then(
        (text) => response.writeHead(200, { "content-type": registry.contentType }).end(text),
        (error: unknown) => {
          log.error({ err: error }, "collecting metrics failed");
          response.writeHead(500).end();
        },
      );
    } else if (path === "/healthz" && health) {
      within(health(), HEALTH_TIMEOUT_MS, "health check").then(
        () => response.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok"}'),
        (error: unknown) => {
          log.warn({ err: error }, "health check failed");
          response.writeHead(503, { "content-type": "application/json" }).end('{"status":"down"}');
        },
      );
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen({ host: "::", port }, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
