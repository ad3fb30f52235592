/** The worker's entry point (`npm run worker`): runs queued jobs until told to stop. */
import { loadConfigOrExit } from "../lib/config.js";
import { createLogger } from "../lib/logger.js";
import { startWorker } from "../lib/queue.js";
import { onShutdown } from "../lib/shutdown.js";
import { runDemoJob } from "./demo-job.js";

const config = loadConfigOrExit();
const log = createLogger(config, "worker");
const worker = await startWorker(config, log, runDemoJob);
log.info("worker started");
// fly.worker.toml: kill_timeout = "60s". The running job finishes, or goes back to the queue.
onShutdown(log, 55_000, () => worker.stop());
