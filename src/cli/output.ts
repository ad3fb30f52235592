/** Where the CLI speaks: clack's styled output in a terminal session, plain lines otherwise. */
export interface Output {
  info(line: string): void;
  error(line: string): void;
  /** Runs a long task with a spinner (interactive) or a start/end line (plain). */
  step<T>(message: string, task: () => Promise<T>): Promise<T>;
  done(lines: string[]): void;
}

export function plainOutput(stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream): Output {
  return {
    info: (line) => stdout.write(`${line}\n`),
    error: (line) => stderr.write(`${line}\n`),
    async step(message, task) {
      stdout.write(`${message}…\n`);
      return task();
    },
    done: (lines) => stdout.write(`${lines.join("\n")}\n`),
  };
}

export async function interactiveOutput(): Promise<Output> {
  const p = await import("@clack/prompts");
  const { withSpinner } = await import("./interactive.js");
  return {
    info: (line) => p.log.info(line),
    error: (line) => p.log.error(line),
    step: withSpinner,
    done: (lines) => p.outro(lines.join("\n")),
  };
}
