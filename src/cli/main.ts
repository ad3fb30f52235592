/** The process boundary: parse, pick the mode, run, and turn every outcome into an exit code. */

import { echo } from "../echo.js";
import { generatorVersion } from "../version.js";
import { parseCommand } from "./args.js";
import { costHelp } from "./cost-options.js";
import { CancelledError, EXIT, UsageError } from "./errors.js";
import { createHelp, regenerateHelp } from "./help.js";
import { interactiveOutput, plainOutput } from "./output.js";

export interface Process {
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** CI services set CI=true (GitHub, GitLab, CircleCI…); "false" or "0" mean no. */
function isCI(env: NodeJS.ProcessEnv): boolean {
  const value = env.CI?.toLowerCase();
  return value !== undefined && value !== "" && value !== "false" && value !== "0";
}

/** Set to 1 to have an unexpected error's stack printed after its one-line message. */
export const DEBUG_ENV = "CREATE_FLY_REF_ARCH_DEBUG";

export async function main(proc: Process): Promise<number> {
  for (const stream of [proc.stdout, proc.stderr]) quietWhenClosed(stream);
  let interactive = false;
  try {
    const command = parseCommand(proc.argv);
    switch (command.kind) {
      case "help": {
        const help = { create: () => createHelp(generatorVersion()), regenerate: regenerateHelp, cost: costHelp };
        proc.stdout.write(`${help[command.topic]()}\n`);
        return EXIT.ok;
      }
      case "version":
        proc.stdout.write(`${generatorVersion()}\n`);
        return EXIT.ok;
      case "regenerate": {
        const { runRegenerate } = await import("./commands.js");
        return runRegenerate(command.args, { cwd: proc.cwd, env: proc.env }, plainOutput(proc.stdout, proc.stderr));
      }
      case "cost": {
        const { runCost } = await import("./commands.js");
        return runCost(command.args, { cwd: proc.cwd }, plainOutput(proc.stdout, proc.stderr));
      }
      case "create": {
        interactive = !command.args.yes && !isCI(proc.env) && proc.stdinIsTTY && proc.stdoutIsTTY;
        const out = interactive ? await interactiveOutput() : plainOutput(proc.stdout, proc.stderr);
        // The create path (zod, the templates, handlebars) loads only here: --help and --version stay light.
        const { runCreate } = await import("./commands.js");
        return await runCreate(
          command.args,
          { cwd: proc.cwd, interactive, userAgent: proc.env.npm_config_user_agent },
          out,
        );
      }
    }
  } catch (error) {
    if (error instanceof CancelledError) {
      if (interactive) (await import("./interactive.js")).cancelled();
      else proc.stderr.write("Cancelled\n");
      return EXIT.cancelled;
    }
    if (error instanceof UsageError) {
      // Values in these lines are echoed where they are put in; this catches a control character
      // in any message that was not.
      for (const line of error.lines) proc.stderr.write(`error: ${echo(line, Number.POSITIVE_INFINITY)}\n`);
      return EXIT.usage;
    }
    reportUnexpected(error, proc);
    return EXIT.failure;
  }
}

/**
 * Longer than one echoed value: such a message is ours, naming paths, and a failed undo names every
 * path it left (write-new.ts), which must all show; still bounded, should a value have slipped in.
 */
const UNEXPECTED_MAX = 2_000;

/**
 * The one way an error nobody expected is shown, from main or from bin's last-resort handlers: one
 * escaped line, the stack only on request. A stack trace tells a user nothing they can act on.
 */
export function reportUnexpected(error: unknown, proc: Pick<Process, "env" | "stderr">): void {
  const message = error instanceof Error ? error.message : String(error);
  proc.stderr.write(`error: ${echo(message.split("\n")[0] ?? "", UNEXPECTED_MAX)}\n`);
  if (proc.env[DEBUG_ENV] === "1" && error instanceof Error && error.stack) proc.stderr.write(`${error.stack}\n`);
}

/**
 * A reader that went away (`| head`, a closed terminal) makes every later write fail with EPIPE,
 * emitted as an 'error' event that would otherwise crash the run with a stack trace. A failed
 * write has nowhere left to be reported, so output is dropped and the run carries on: stopping
 * mid-way could leave a step half done, and the exit code still tells how it went.
 */
function quietWhenClosed(stream: NodeJS.WritableStream): void {
  stream.on("error", () => undefined);
}
