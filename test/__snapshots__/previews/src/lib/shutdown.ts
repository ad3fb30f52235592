/**
 * Graceful shutdown: Fly sends the fly.toml `kill_signal` (SIGTERM) and waits `kill_timeout` before
 * SIGKILL. We finish within `graceMs`, a few seconds less, and exit 0; a second signal or the deadline
 * exits 1 at once.
 */
import type { Logger } from "./logger.js";

/**
 * Every shutdown deadline, in one table so they can be checked against each other and against the
 * fly.toml files: kill_timeout is "30s" for the web app, "60s" when the worker is a process group
 * of it (kill_timeout is one value per app: flyctl internal/appconfig/machines.go builds every
 * Machine's stop config from the top-level key), and "60s" in fly.worker.toml.
 */
export const SHUTDOWN_BUDGETS = {
  /** Fastify stops accepting, lets in-flight requests finish, then closes the pools. */
  web: { graceMs: 25_000 },
  /**
   * The queue waits `queueStopMs` for the running job (which runs at most JOB_TIMEOUT_SECONDS,
   * 40 s at most) and then hands it back for a retry; the rest of the grace closes connections.
   */
  worker: { graceMs: 55_000, queueStopMs: 45_000 },
} as const;

export function onShutdown(log: Logger, graceMs: number, stop: () => Promise<void>): void {
  let stopping = false;
  const handle = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn({ signal }, "second signal during shutdown: exiting now");
      process.exit(1);
    }
    stopping = true;
    log.info({ signal, graceMs }, "shutting down");
    setTimeout(() => {
      log.error({ graceMs }, "shutdown did not finish in time: exiting");
      process.exit(1);
    }, graceMs).unref();
    stop().then(
      () => {
        log.info("shutdown complete");
        process.exit(0);
      },
      (error: unknown) => {
        log.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", handle);
  process.on("SIGINT", handle);
}
