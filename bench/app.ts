/**
 * bench/app: the generated seed app's web tier on loopback, against real Postgres and Redis from the
 * test harness. Prints requests/s and p99 latency of a cached item read next to a bare Fastify route
 * (/healthz), their ratio, the web process's peak RSS under that load, the latency of reads while
 * Redis is stalled (CLIENT PAUSE: connected but silent, so only the circuit breaker keeps reads from
 * each waiting for the command timeout), and while Redis is down (they must not wait on Redis timeouts).
 *
 * The two routes run in alternating rounds after a warm-up of both, so that a JIT still warming up
 * or a neighbour's load on this machine weighs on both alike; the ratio is the median of the
 * rounds' ratios.
 *
 *   npm run bench:app              # 10 s per route in 5 rounds, 50 connections
 *   BENCH_SECONDS=30 BENCH_ROUNDS=10 BENCH_CONNECTIONS=100 npm run bench:app
 */
import { readFileSync } from "node:fs";
import autocannon from "autocannon";
import { Redis } from "ioredis";
import { buildApp } from "../test/app/built-app.js";
import { startPostgres } from "../test/harness/postgres.js";
import { startRedis } from "../test/harness/redis.js";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const WARMUP_SECONDS = 2;
/** How long reads run against a paused Redis: longer than the breaker's 5 s cooldown, so it reopens once. */
const STALL_SECONDS = 8;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);

/** Resident set size of a process from /proc, in MB: current (VmRSS) and peak since start (VmHWM). */
function memory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0);
  return { rss: kb("VmRSS") / 1024, peak: kb("VmHWM") / 1024 };
}

async function load(url: string, title: string, duration = SECONDS) {
  const result = await autocannon({ url, connections: CONNECTIONS, duration, title });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${title}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return {
    reqPerSec: result.requests.average,
    p99: result.latency.p99,
    p50: result.latency.p50,
    max: result.latency.max,
  };
}

type Load = Awaited<ReturnType<typeof load>>;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Each field's median over the rounds. */
function medianLoad(rounds: readonly Load[]): Load {
  const of = (key: keyof Load) => median(rounds.map((r) => r[key]));
  return { reqPerSec: of("reqPerSec"), p50: of("p50"), p99: of("p99"), max: of("max") };
}

const [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
const app = await buildApp(
  { name: "bench" },
  { PRIMARY_REGION: "iad", DATABASE_URL: postgres.url(), REDIS_URL: redis.url },
);
try {
  await app.migrate();
  const web = await app.startWeb("iad");
  const { base } = web;
  const pid = web.proc.child.pid as number;

  const created = await fetch(`${base}/api/items`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: "bench", data: { tags: ["a", "b"], n: 42 } }),
  });
  const { id } = (await created.json()) as { id: string };
  const itemUrl = `${base}/api/items/${id}`;
  await fetch(itemUrl);
  const warm = await fetch(itemUrl);
  if (!warm.headers.get("server-timing")?.startsWith('cache;desc="hit"'))
    throw new Error("the item read is not cached");

  const idle = memory(pid);
  let sampledPeak = 0;
  const sampler = setInterval(() => {
    sampledPeak = Math.max(sampledPeak, memory(pid).rss);
  }, 100);
  const healthzUrl = `${base}/healthz`;
  await load(healthzUrl, "warm-up healthz", WARMUP_SECONDS);
  await load(itemUrl, "warm-up cached item", WARMUP_SECONDS);
  const healthzRounds: Load[] = [];
  const cachedRounds: Load[] = [];
  const roundSeconds = Math.max(1, Math.round(SECONDS / ROUNDS));
  for (let round = 0; round < ROUNDS; round++) {
    healthzRounds.push(await load(healthzUrl, "healthz", roundSeconds));
    cachedRounds.push(await load(itemUrl, "cached item", roundSeconds));
  }
  const healthz = medianLoad(healthzRounds);
  const cached = medianLoad(cachedRounds);
  const roundRatio = (key: keyof Load) =>
    median(cachedRounds.map((c, i) => c[key] / (healthzRounds[i] as Load)[key]).filter(Number.isFinite));
  clearInterval(sampler);
  const afterLoad = memory(pid);

  // Reads with Redis stalled: it accepts commands and answers none until the pause ends.
  const admin = new Redis(redis.url);
  await admin.call("CLIENT", "PAUSE", String((STALL_SECONDS + 2) * 1000), "ALL");
  const stalled = await load(itemUrl, "cached item, Redis stalled", STALL_SECONDS);
  await admin.ping();
  admin.disconnect();

  // Reads with Redis stopped: each must come from Postgres at once ("bypass"), not after a timeout.
  await redis.stop();
  const bypass: number[] = [];
  for (let i = 0; i < 50; i++) {
    const started = performance.now();
    const res = await fetch(itemUrl);
    bypass.push(performance.now() - started);
    if (res.status !== 200 || !res.headers.get("server-timing")?.includes("bypass")) {
      throw new Error(`read with Redis down: ${res.status} ${res.headers.get("server-timing")}`);
    }
  }
  bypass.sort((a, b) => a - b);

  const fmt = (n: number, digits = 0) => n.toFixed(digits).padStart(10);
  // autocannon reports latency in whole milliseconds: a 0 ms median has no meaningful ratio.
  const ratio = (key: keyof Load) => {
    const value = roundRatio(key);
    return Number.isNaN(value) ? "–".padStart(10) : fmt(value, 2);
  };
  console.log(
    `\nweb tier of the seed app, loopback, ${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${roundSeconds} s per route (medians)\n`,
  );
  console.log(`${"route".padEnd(28)}${"req/s".padStart(10)}${"p50 ms".padStart(10)}${"p99 ms".padStart(10)}`);
  for (const [name, r] of [
    ["GET /healthz (bare Fastify)", healthz],
    ["GET /api/items/:id (cached)", cached],
  ] as const) {
    console.log(`${name.padEnd(28)}${fmt(r.reqPerSec)}${fmt(r.p50, 1)}${fmt(r.p99, 1)}`);
  }
  console.log(`${"cached / healthz".padEnd(28)}${ratio("reqPerSec")}${ratio("p50")}${ratio("p99")}`);
  console.log(
    `\nweb RSS: ${idle.rss.toFixed(0)} MB before load, peak ${Math.max(afterLoad.peak, sampledPeak).toFixed(0)} MB (VmHWM) under load; a 512 MB Machine.`,
  );
  console.log(
    `reads with Redis stalled (CLIENT PAUSE, ${CONNECTIONS} connections, ${STALL_SECONDS} s): ${stalled.reqPerSec.toFixed(0)} req/s, p50 ${stalled.p50} ms, p99 ${stalled.p99} ms, max ${stalled.max} ms`,
  );
  console.log(
    `reads with Redis down (50 sequential, all "bypass"): median ${bypass[25]?.toFixed(1)} ms, max ${bypass[49]?.toFixed(1)} ms`,
  );
  await web.proc.kill("SIGTERM");
} finally {
  await Promise.all([postgres.stop(), redis.stop()]);
  await app.remove();
}
