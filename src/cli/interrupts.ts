/**
 * SIGINT and SIGTERM while `create` writes a project and runs the install and git steps. The
 * listeners only take note and stop the running tool (through `signal`); the run itself sees the
 * signal at its next checkpoint, undoes its work, and then ends by the same signal, as it would have
 * without listeners: a shell reports 130 or 143, and a script that ran it stops too.
 */
import { constants } from "node:os";

export type InterruptSignal = "SIGINT" | "SIGTERM";

const SIGNALS: readonly InterruptSignal[] = ["SIGINT", "SIGTERM"];

export class InterruptedError extends Error {
  readonly signal: InterruptSignal;
  constructor(signal: InterruptSignal) {
    super(`Interrupted by ${signal}`);
    this.signal = signal;
  }
}

export interface Interrupts {
  /** Aborted at the first signal: a tool run with it as its cancel signal is stopped. */
  readonly signal: AbortSignal;
  /** The signal that came, once its listener has run. */
  readonly caught: InterruptSignal | undefined;
  /** Throws InterruptedError if a signal has come, including one that came during synchronous work. */
  checkpoint(): Promise<void>;
  /** Stops listening: the signals' default action is back. */
  release(): void;
}

export function listenForInterrupts(): Interrupts {
  const controller = new AbortController();
  let caught: InterruptSignal | undefined;
  const listener = (signal: InterruptSignal) => {
    caught ??= signal;
    controller.abort(new InterruptedError(signal));
  };
  for (const name of SIGNALS) process.on(name, listener);
  return {
    signal: controller.signal,
    get caught() {
      return caught;
    },
    async checkpoint() {
      // Node runs a listener when the event loop polls, which synchronous work (the file writes) holds
      // off. Two turns of the loop hold at least one poll that began after that work, whichever phase
      // it ran in: a signal that came during it has then been heard.
      await nextTurn();
      await nextTurn();
      if (caught) throw new InterruptedError(caught);
    },
    release() {
      for (const name of SIGNALS) process.off(name, listener);
    },
  };
}

/**
 * Ends the process by `signal`, once nothing listens for it. Returns only if something else still
 * does, with the exit code a shell would show for the signal (128 + its number).
 */
export function endBy(signal: InterruptSignal): number {
  process.kill(process.pid, signal);
  return 128 + constants.signals[signal];
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
