/** The process boundary: parse, pick the mode, run, and turn every outcome into an exit code. */
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

export async function main(proc: Process): Promise<number> {
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
      for (const line of error.lines) proc.stderr.write(`error: ${line}\n`);
      return EXIT.usage;
    }
    proc.stderr.write(`error: ${(error as Error).message}\n`);
    return EXIT.failure;
  }
}
