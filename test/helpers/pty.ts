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
  ctrlC: "\x03",
} as const;

/** How clack marks the prompt waiting for an answer. */
export const ACTIVE = "◆ ";

export interface PtyExit {
  exitCode: number;
  signal: number | undefined;
}

export class PtyRun {
  readonly exited: Promise<PtyExit>;
  readonly #pty: IPty;
  #raw = "";
  /** Where in the screen text the last waitFor matched: the next wait looks only after it. */
  #consumed = 0;
  #done = false;
  readonly #listeners = new Set<() => void>();

  constructor(args: readonly string[], options: { cwd: string; env?: Record<string, string | undefined> }) {
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries({
      ...process.env,
      ...PINNED_ENV,
      TERM: "xterm-256color",
      ...options.env,
    })) {
      if (value !== undefined) env[key] = value;
    }
    this.#pty = spawn(process.execPath, [CLI, ...args], { cwd: options.cwd, env, cols: 120, rows: 60 });
    this.#pty.onData((data) => {
      this.#raw += data;
      for (const listener of this.#listeners) listener();
    });
    this.exited = new Promise((resolve) => {
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
