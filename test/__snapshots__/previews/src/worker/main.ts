/** The worker's entry point (`npm run worker`): runs queued jobs until told to stop. */
import { loadConfigOrExit } from "../lib/config.js";
import { createLogger } from "../lib/logger.js";
import { METRICS_PORTS, serveMetrics } from "../lib/metrics.js";
import { startWorker } from "../lib/queue.js";
import { onShutdown, SHUTDOWN_BUDGETS } from "../lib/shutdown.js";
import { runDemoJob } from "./demo-job.js";

const config = loadConfigOrExit();
const log = createLogger(config, "worker");
// Fails within the queue's connect timeout when the queue cannot be reached; Fly restarts the Machine.
const worker = await startWorker(config, log, runDemoJob).catch((error: unknown) => {
  log.fatal({ err: error }, "the worker could not start");
  process.exit(1);
});
// /metrics, and /healthz for fly.toml's check: 503 once the queue's connection is gone.
const ops = await serveMetrics(config.metricsPort ?? METRICS_PORTS.worker, log, () => worker.ping());
log.info({ metricsPort: ops.port }, "worker started");
onShutdown(log, SHUTDOWN_BUDGETS.worker.graceMs, async () => {
  await worker.stop();
  await ops.close();
});
