import { randomUUID } from "node:crypto";
import { Writable } from "node:stream";
import { pino } from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/lib/config.js";
import type { JobHandler, RunningWorker } from "../src/lib/jobs.js";
import { createLogger, type Logger } from "../src/lib/logger.js";
import { startWorker } from "../src/lib/queue.js";
import { createApp } from "../src/web/app.js";
import { runDemoJob } from "../src/worker/demo-job.js";
import { testEnv } from "./env.js";

type App = Awaited<ReturnType<typeof createApp>>;

/** A logger whose JSON lines the test can read. */
function capturingLogger(): { log: Logger; lines: () => Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split("\n")) if (line) lines.push(JSON.parse(line));
      done();
    },
  });
  return { log: pino({ level: "info" }, sink), lines: () => lines };
}

describe("jobs", () => {
  // Short limits, so that timeouts and the dead-letter queue are reached within a test.
  const config = loadConfig(testEnv({ JOB_TIMEOUT_SECONDS: "1", JOB_RETRY_LIMIT: "1" }));
  let app: App;
  let worker: RunningWorker | undefined;
  beforeAll(async () => {
    app = await createApp(config);
  });
  afterEach(async () => {
    await worker?.stop();
    worker = undefined;
  });
  afterAll(() => app.close());

  const post = (payload: unknown, headers: Record<string, string> = {}) =>
    app.inject({ method: "POST", url: "/api/jobs", payload: payload as object, headers });
  const view = async (id: string) => (await app.inject({ method: "GET", url: `/api/jobs/${id}` })).json();
  /** Each test leaves no job behind for the next one's worker. */
  const completed = (ids: string[]) =>
    expect
      .poll(async () => (await Promise.all(ids.map(view))).map((job) => job.state), { timeout: 15_000 })
      .toEqual(ids.map(() => "completed"));

  it("runs a job enqueued by the web tier and reports its result", async () => {
    worker = await startWorker(config, createLogger(config, "worker"), runDemoJob);
    const res = await post({ type: "demo", payload: { n: 7 } });
    expect(res.statusCode).toBe(202);
    const { id } = res.json();
    await expect
      .poll(() => view(id), { timeout: 15_000 })
      .toMatchObject({ id, state: "completed", result: { echo: { n: 7 } } });
  });

  it("gives jobs random ids: one client cannot guess another's", async () => {
    worker = await startWorker(config, createLogger(config, "worker"), runDemoJob);
    const ids = await Promise.all([1, 2, 3].map(async () => (await post({ type: "demo" })).json().id as string));
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(3);
    for (const guess of ["1", "2", "3"])
      expect((await app.inject({ method: "GET", url: `/api/jobs/${guess}` })).statusCode).toBe(404);
    await completed(ids);
  });

  it("an Idempotency-Key names one job: a retried POST gets the same job, another key another one", async () => {
    worker = await startWorker(config, createLogger(config, "worker"), runDemoJob);
    const key = randomUUID();
    const first = await post({ type: "demo", payload: { n: 1 } }, { "idempotency-key": key });
    const again = await post({ type: "demo", payload: { n: 1 } }, { "idempotency-key": key });
    const other = await post({ type: "demo", payload: { n: 1 } }, { "idempotency-key": randomUUID() });
    expect([first.statusCode, again.statusCode, other.statusCode]).toEqual([202, 202, 202]);
    expect(again.json().id).toBe(first.json().id);
    expect(other.json().id).not.toBe(first.json().id);
    expect(first.json().id).not.toContain(key);
    const bad = await post({ type: "demo" }, { "idempotency-key": "spaces are not allowed" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatch(/^Idempotency-Key:/);
    await completed([first.json().id, other.json().id]);
  });

  it("retries a timed-out job only after its first attempt has stopped", async () => {
    const attempts: { start: number; end: number }[] = [];
    // Works until told to stop, as a handler must; it is stopped after JOB_TIMEOUT_SECONDS.
    const slow: JobHandler = async (_job, _id, signal) => {
      const attempt = { start: Date.now(), end: Number.POSITIVE_INFINITY };
      attempts.push(attempt);
      await new Promise((resolve) => signal.addEventListener("abort", resolve, { once: true }));
      attempt.end = Date.now();
      throw signal.reason;
    };
    worker = await startWorker(config, createLogger(config, "worker"), slow);
    const { id } = (await post({ type: "demo" })).json();
    await expect.poll(async () => (await view(id)).state, { timeout: 25_000, interval: 250 }).toBe("failed");
    expect(attempts).toHaveLength(2);
    const [first, second] = attempts;
    expect(second?.start).toBeGreaterThanOrEqual(first?.end ?? Number.POSITIVE_INFINITY);
  }, 30_000);

  it("a job that fails its last retry is dead-lettered with an alert, and its error is not shown", async () => {
    const { log, lines } = capturingLogger();
    const failing: JobHandler = async () => {
      throw new Error("secret detail: connect ECONNREFUSED 10.0.0.1:5432");
    };
    worker = await startWorker(config, log, failing);
    const { id } = (await post({ type: "demo" })).json();
    await expect.poll(async () => (await view(id)).state, { timeout: 25_000, interval: 250 }).toBe("failed");
    expect(await view(id)).toEqual({ id, state: "failed" });
    await expect
      .poll(() =>
        lines()
          .filter((line) => line.jobId === id)
          .map((line) => [line.level, line.alert ?? null]),
      )
      .toEqual([
        [30, null],
        [40, null],
        [30, null],
        [50, "job_dead_lettered"],
      ]);
  }, 30_000);

  it("the demo handler is idempotent and stops when told to", async () => {
    const job = { type: "demo" as const, delayMs: 0, payload: { n: 3 } };
    const signal = new AbortController().signal;
    expect(await runDemoJob(job, "job-1", signal)).toEqual(await runDemoJob(job, "job-1", signal));
    const stopped = new AbortController();
    const running = runDemoJob({ ...job, delayMs: 60_000 }, "job-2", stopped.signal);
    stopped.abort(new Error("time is up"));
    await expect(running).rejects.toThrow();
  });

  it("refuses a job it does not know and answers 404 for an unknown id", async () => {
    expect((await post({ type: "other" })).statusCode).toBe(400);
    expect(
      (await app.inject({ method: "GET", url: "/api/jobs/12345678-1234-1234-1234-123456789abc" })).statusCode,
    ).toBe(404);
  });
});
