/**
 * Every spec's shutdown deadlines agree: Fly waits each process's kill_timeout after SIGTERM and
 * then SIGKILLs it, so the code must be done before that (its grace), and the queue must hand back
 * a running job before the grace runs out. kill_timeout is one value per app (flyctl v0.4.87
 * internal/appconfig/machines.go builds each Machine's StopConfig from the top-level key), so a
 * worker process group lives by the web app's. The metrics ports fly.toml scrapes are the ones
 * the code listens on. The budgets are read from the code each case generates.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "smol-toml";
import { afterAll, describe, expect, it } from "vitest";
import { CASES, caseSpec, renderCase } from "../cases.js";
import { durationMs } from "../helpers/fly-toml-rules.js";
import { writeTree } from "./generated-app.js";

interface Budgets {
  web: { graceMs: number };
  worker: { graceMs: number; queueStopMs: number };
}
interface FlyToml {
  kill_timeout?: string;
  metrics?:
    | { port: number; path: string; processes?: string[] }
    | { port: number; path: string; processes?: string[] }[];
  checks?: Record<string, { port: number; path: string; processes?: string[] }>;
}

/** Seconds between the code's deadline and Fly's SIGKILL: logs flushed, process exited. */
const EXIT_MARGIN_MS = 3_000;
/** Between the queue's stop and the end of the grace: connections closed. */
const CLOSE_MARGIN_MS = 5_000;

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

describe.each(CASES.map((c) => [c.name, c] as const))("%s", (_name, specCase) => {
  const spec = caseSpec(specCase);
  const tree = renderCase(specCase);
  const toml = (path: string) => parse(tree.get(path)?.content ?? "") as FlyToml;
  /** Each process and the fly config it runs under. */
  const processes: [process: "web" | "worker", file: string][] = [["web", "fly.toml"]];
  if (spec.worker.kind === "process") processes.push(["worker", "fly.toml"]);
  if (spec.worker.kind === "app") processes.push(["worker", "fly.worker.toml"]);

  let written: ReturnType<typeof write> | undefined;
  const generated = () => {
    written ??= write();
    return written;
  };
  const write = async () => {
    const dir = await mkdtemp(join(tmpdir(), `fly-ref-arch-budgets-${specCase.name}-`));
    dirs.push(dir);
    await writeTree(tree, dir);
    const { SHUTDOWN_BUDGETS } = (await import(join(dir, "src/lib/shutdown.ts"))) as { SHUTDOWN_BUDGETS: Budgets };
    const { METRICS_PORTS } = (await import(join(dir, "src/lib/metrics.ts"))) as {
      METRICS_PORTS: Record<"web" | "worker", number>;
    };
    return { budgets: SHUTDOWN_BUDGETS, metricsPorts: METRICS_PORTS, dir };
  };

  it.each(processes)(
    "%s: the grace ends before %s's kill_timeout, the queue's stop before the grace",
    async (name, file) => {
      const { budgets, dir } = await generated();
      const killTimeout = toml(file).kill_timeout;
      expect(killTimeout, `${file}: kill_timeout`).toBeDefined();
      const killMs = durationMs(killTimeout ?? "");
      expect(
        budgets[name].graceMs + EXIT_MARGIN_MS,
        `${name}'s grace vs ${file} kill_timeout ${killTimeout}`,
      ).toBeLessThanOrEqual(killMs);
      if (name !== "worker") return;
      expect(budgets.worker.queueStopMs + CLOSE_MARGIN_MS).toBeLessThanOrEqual(budgets.worker.graceMs);
      // The longest job the config allows ends (or is stopped by its deadline) before the queue stops.
      const { loadConfig } = (await import(join(dir, "src/lib/config.ts"))) as {
        loadConfig(env: NodeJS.ProcessEnv): unknown;
      };
      const env = { PRIMARY_REGION: "iad", DATABASE_URL: "postgres://h/db", REDIS_URL: "redis://h" };
      expect(() => loadConfig({ ...env, JOB_TIMEOUT_SECONDS: String(budgets.worker.queueStopMs / 1000) })).toThrow(
        /JOB_TIMEOUT_SECONDS/,
      );
    },
  );

  it.each(processes)("%s: %s scrapes metrics and checks health on the port the code listens on", async (name, file) => {
    const { metricsPorts } = await generated();
    const config = toml(file);
    const metrics = [config.metrics ?? []].flat().filter((m) => !m.processes || m.processes.includes(name));
    expect(metrics.map((m) => [m.port, m.path])).toEqual([[metricsPorts[name], "/metrics"]]);
    if (name !== "worker") return;
    const checks = Object.values(config.checks ?? {}).filter((c) => !c.processes || c.processes.includes(name));
    expect(checks.map((c) => [c.port, c.path])).toEqual([[metricsPorts.worker, "/healthz"]]);
  });
});
