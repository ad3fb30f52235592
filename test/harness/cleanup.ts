/**
 * Servers the harness starts must not outlive the test process, even when a test run is interrupted
 * or afterAll never runs: each registers a synchronous last-resort stop, run on exit.
 */
const stops = new Set<() => void>();
let installed = false;

export function stopOnExit(stop: () => void): () => void {
  if (!installed) {
    installed = true;
    process.once("exit", () => {
      for (const fn of stops) {
        try {
          fn();
        } catch {
          // Best effort: the process is going away.
        }
      }
    });
  }
  stops.add(stop);
  return () => stops.delete(stop);
}
