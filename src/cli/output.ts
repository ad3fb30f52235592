/** Where the CLI speaks: clack's styled output in a terminal session, plain lines otherwise. */
export interface Output {
  /** Lines in one go: plain output writes them at once (a dry run's 80 writes cost it 4 M instructions). */
  info(...lines: string[]): void;
  error(line: string): void;
  /** Runs a long task with a spinner (interactive) or a start/end line (plain). */
  step<T>(message: string, task: () => Promise<T>): Promise<T>;
  done(lines: string[]): void;
}

export function plainOutput(stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream): Output {
  return {
    info: (...lines) => stdout.write(`${lines.join("\n")}\n`),
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
    info: (...lines) => {
      for (const line of lines) p.log.info(line);
    },
    error: (line) => p.log.error(line),
    step: withSpinner,
    done: (lines) => p.outro(lines.join("\n")),
  };
}
