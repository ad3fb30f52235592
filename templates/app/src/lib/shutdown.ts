/**
 * Graceful shutdown: Fly sends the fly.toml `kill_signal` (SIGTERM) and waits `kill_timeout` before
 * SIGKILL. We finish within `graceMs`, a few seconds less, and exit 0; a second signal or the deadline
 * exits 1 at once.
 */
import type { Logger } from "./logger.js";

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
