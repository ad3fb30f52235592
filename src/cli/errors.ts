/** The exit codes scripts can rely on, each carried by its own error type. */
export const EXIT = { ok: 0, failure: 1, usage: 2, cancelled: 130 } as const;

/** Bad flags, a bad spec or missing input: exit 2, nothing written. */
export class UsageError extends Error {
  readonly lines: string[];
  constructor(lines: string | string[]) {
    const all = typeof lines === "string" ? [lines] : lines;
    super(all.join("\n"));
    this.lines = all;
  }
}

/** Ctrl-C at a prompt or "no" at the confirmation: exit 130, nothing written. */
export class CancelledError extends Error {
  constructor() {
    super("Cancelled");
  }
}
