/**
 * The interactive flow: asks only what flags and the spec file left open, all before anything is
 * written, each component's questions in the registry's order. Loaded on demand, so runs without
 * prompts never load the prompts library.
 */
import * as p from "@clack/prompts";
import { COMPONENTS } from "../../generators/index.js";
import type { PartialSpec } from "../spec/resolve.js";
import type { Spec } from "../spec/schema.js";
import { CancelledError } from "./errors.js";
import { answered, type PromptContext } from "./prompting.js";
import { costLines, flyApps, topologyLines } from "./summary.js";

export interface InteractiveHooks extends Omit<PromptContext, "prompts"> {
  /** Validates the answers into a spec (throws on problems). */
  finish(answers: PartialSpec): Spec;
  directoryFor(name: string): string;
}

export async function askAnswers(given: PartialSpec, hooks: InteractiveHooks): Promise<{ spec: Spec }> {
  p.intro("create-fly-ref-arch");
  const answers: PartialSpec = { ...given };
  const context: PromptContext = { prompts: p, suggestedName: hooks.suggestedName, checkTarget: hooks.checkTarget };
  for (const { prompts } of COMPONENTS) await prompts?.ask(answers, context);

  const spec = hooks.finish(answers);
  p.note(
    [...topologyLines(spec), "", `Fly apps to create: ${flyApps(spec).join(", ")}`, "", ...costLines(spec)].join("\n"),
    `Into ${hooks.directoryFor(spec.name)}`,
  );
  if (!answered(await p.confirm({ message: "Create the project?", initialValue: true }))) throw new CancelledError();
  return { spec };
}

export async function withSpinner<T>(message: string, task: () => Promise<T>): Promise<T> {
  const spinner = p.spinner();
  spinner.start(message);
  // The spinner puts the terminal in raw mode, where Ctrl-C is a key it answers with exit 0, leaving
  // the task's tool running and its half-done work behind. Back in normal mode, Ctrl-C is SIGINT to
  // the tool and to us, as in a shell, and the run's interrupt handling applies.
  if (process.stdin.isTTY) process.stdin.setRawMode(false);
  try {
    const result = await task();
    spinner.stop(`${message}: done`);
    return result;
  } catch (error) {
    spinner.error(`${message}: failed`);
    throw error;
  }
}

export function cancelled(): void {
  p.cancel("Cancelled");
}
