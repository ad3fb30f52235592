/** A generated app, built with tsc and ready to run its processes against servers named in `env`. */
import { rm } from "node:fs/promises";
import type { PartialSpec } from "../../src/spec/resolve.js";
import { freePort } from "../harness/ports.js";
import { render } from "../helpers/render.js";
import { bin, run, writeApp } from "./generated-app.js";
import { type AppProcess, runToEnd, startProcess, waitUntilServing } from "./processes.js";

export interface Web {
  proc: AppProcess;
  /** http://127.0.0.1:<port> */
  base: string;
  /** Its metrics server: http://127.0.0.1:<METRICS_PORT> */
  metrics: string;
}

export interface BuiltApp {
  dir: string;
  /** The release command: node dist/migrate.js. */
  migrate(): Promise<string>;
  /** A web instance in `region`, serving once this resolves. */
  startWeb(region: string, extra?: NodeJS.ProcessEnv): Promise<Web>;
  /** The worker, in the primary region; its metrics and health server is at `workerMetrics`. */
  startWorker(extra?: NodeJS.ProcessEnv): AppProcess;
  workerMetrics: string;
  remove(): Promise<void>;
}

/** `env` holds what fly.toml and secrets would: PRIMARY_REGION, DATABASE_URL, REDIS_URL… */
export async function buildApp(answers: PartialSpec, env: NodeJS.ProcessEnv): Promise<BuiltApp> {
  const dir = await writeApp(render(answers), `built-${answers.name}`);
  await run(await bin("tsc"), ["-p", "tsconfig.build.json"], { cwd: dir });
  const base: NodeJS.ProcessEnv = { PATH: process.env.PATH, NODE_ENV: "production", LOG_LEVEL: "warn", ...env };
  const primary = { ...base, FLY_REGION: base.PRIMARY_REGION };
  // Metrics servers get ports of their own, so that several processes run side by side.
  const workerMetricsPort = await freePort();
  return {
    dir,
    migrate: () => runToEnd(dir, "dist/migrate.js", { ...primary, RELEASE_COMMAND: "1" }),
    async startWeb(region, extra = {}) {
      const [port, metricsPort] = [await freePort(), await freePort()];
      const proc = startProcess(dir, "dist/web/server.js", {
        ...base,
        PORT: String(port),
        METRICS_PORT: String(metricsPort),
        FLY_REGION: region,
        ...extra,
      });
      const url = `http://127.0.0.1:${port}`;
      await waitUntilServing(proc, `${url}/healthz`);
      return { proc, base: url, metrics: `http://127.0.0.1:${metricsPort}` };
    },
    startWorker: (extra = {}) =>
      startProcess(dir, "dist/worker/main.js", { ...primary, METRICS_PORT: String(workerMetricsPort), ...extra }),
    workerMetrics: `http://127.0.0.1:${workerMetricsPort}`,
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
