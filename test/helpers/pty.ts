/**
 * Runs the built CLI in a real pseudo-terminal (node-pty), so stdin and stdout are TTYs exactly as
 * in a person's shell. Tests wait for text on the screen, never for a fixed time.
 */
import { stripVTControlCharacters } from "node:util";
import { type IPty, spawn } from "node-pty";
import { CLI, PINNED_ENV } from "./cli.js";

export const KEY = {
  enter: "\r",
  space: " ",
  up: "\x1b[A",
  down: "\x1b[B",
  right: "\x1b[C",
  left: "\x1b[D",
  ctrlC: "\x03",
} as const;

/** How clack marks the prompt waiting for an answer. */
export const ACTIVE = "◆ ";

export interface PtyExit {
  exitCode: number;
  signal: number | undefined;
}

export interface PtyOptions {
  cwd: string;
  env?: Record<string, string | undefined>;
  /** Run with stdin from /dev/null, or stdout into a pipe, while the other side stays a terminal. */
  detach?: "terminal" | "no-stdin" | "piped-stdout";
}

export class PtyRun {
  readonly #exited: Promise<PtyExit>;
  readonly #pty: IPty;
  #raw = "";
  /** Where in the screen text the last waitFor matched: the next wait looks only after it. */
  #consumed = 0;
  #done = false;
  readonly #listeners = new Set<() => void>();

  constructor(args: readonly string[], options: PtyOptions) {
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries({
      ...process.env,
      ...PINNED_ENV,
      TERM: "xterm-256color",
      ...options.env,
    })) {
      if (value !== undefined) env[key] = value;
    }
    const command = [process.execPath, CLI, ...args];
    // A shell takes one side off the terminal when asked; "$@" keeps every argument intact.
    const wrap = {
      terminal: undefined,
      "no-stdin": 'exec "$@" </dev/null',
      "piped-stdout": 'set -o pipefail; "$@" | cat',
    }[options.detach ?? "terminal"];
    const [file, ...argv] = wrap ? ["bash", "-c", wrap, "bash", ...command] : command;
    this.#pty = spawn(file as string, argv, { cwd: options.cwd, env, cols: 120, rows: 60 });
    this.#pty.onData((data) => {
      this.#raw += data;
      for (const listener of this.#listeners) listener();
    });
    this.#exited = new Promise((resolve) => {
      this.#pty.onExit(({ exitCode, signal }) => {
        this.#done = true;
        for (const listener of this.#listeners) listener();
        resolve({ exitCode, signal });
      });
    });
  }

  /** Everything shown so far, without colours and cursor movements. */
  get screen(): string {
    return stripVTControlCharacters(this.#raw);
  }

  /** Resolves once `text` appears in output not matched before; fails on timeout or exit, showing the screen. */
  waitFor(text: string, timeoutMs = 10_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        // Stripping is local to each escape sequence, so offsets into the screen text stay valid as output grows.
        const at = this.screen.indexOf(text, this.#consumed);
        if (at >= 0) {
          this.#consumed = at + text.length;
          finish();
          resolve();
        } else if (this.#done) {
          finish();
          reject(new Error(`exited before showing ${JSON.stringify(text)}; screen:\n${this.screen}`));
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`no ${JSON.stringify(text)} within ${timeoutMs} ms; screen:\n${this.screen}`));
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        this.#listeners.delete(check);
      };
      this.#listeners.add(check);
      check();
    });
  }

  /** The exit status; fails with the screen when the process is still running (waiting on a prompt) after `timeoutMs`. */
  async exit(timeoutMs = 10_000): Promise<PtyExit> {
    let timer: NodeJS.Timeout | undefined;
    const stuck = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`still running after ${timeoutMs} ms; screen:\n${this.screen}`)),
        timeoutMs,
      );
    });
    try {
      return await Promise.race([this.#exited, stuck]);
    } finally {
      clearTimeout(timer);
    }
  }

  press(...keys: string[]): void {
    for (const key of keys) this.#pty.write(key);
  }

  /** Waits for the active prompt (clack marks it "◆") whose question starts with `prompt`, then answers it. */
  async answer(prompt: string, ...keys: string[]): Promise<void> {
    await this.waitFor(`${ACTIVE} ${prompt}`);
    this.press(...keys);
  }

  kill(): void {
    if (!this.#done) this.#pty.kill();
  }
}
