import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/lib/config.js";
import type { RunningWorker } from "../src/lib/jobs.js";
import { createLogger } from "../src/lib/logger.js";
import { startWorker } from "../src/lib/queue.js";
import { createApp } from "../src/web/app.js";
import { runDemoJob } from "../src/worker/demo-job.js";
import { testEnv } from "./env.js";

type App = Awaited<ReturnType<typeof createApp>>;

describe("jobs", () => {
  const config = loadConfig(testEnv());
  let app: App;
  let worker: RunningWorker;
  beforeAll(async () => {
    app = await createApp(config);
    worker = await startWorker(config, createLogger(config, "worker"), runDemoJob);
  });
  afterAll(async () => {
    await worker.stop();
    await app.close();
  });

  it("runs a job enqueued by the web tier and reports its result", async () => {
    const res = await app.inject({ method: "POST", url: "/api/jobs", payload: { type: "demo", payload: { n: 7 } } });
    expect(res.statusCode).toBe(202);
    const { id } = res.json();
    await expect
      .poll(async () => (await app.inject({ method: "GET", url: `/api/jobs/${id}` })).json(), { timeout: 15_000 })
      .toMatchObject({ id, state: "completed", result: { echo: { n: 7 } } });
  });

  it("refuses a job it does not know and answers 404 for an unknown id", async () => {
    expect((await app.inject({ method: "POST", url: "/api/jobs", payload: { type: "other" } })).statusCode).toBe(400);
    expect(
      (await app.inject({ method: "GET", url: "/api/jobs/12345678-1234-1234-1234-123456789abc" })).statusCode,
    ).toBe(404);
  });
});
