/**
 * What a component's prompts (generators/<component>/prompts.ts) declare and share. The interactive
 * flow asks them in the registry's order (generators/index.ts); each asks only what the flags and
 * the spec file left open.
 */
import type * as Prompts from "@clack/prompts";
import { describeRegion, type Region } from "../spec/regions.js";
import type { PartialSpec } from "../spec/resolve.js";
import { CancelledError } from "./errors.js";

export interface PromptContext {
  /**
   * The prompts library, handed in rather than imported: the components' prompts load with the
   * registry on every create, the library only when prompting.
   */
  readonly prompts: typeof Prompts;
  /** The name the directory suggests, if any. */
  suggestedName: string | undefined;
  /** Called as soon as the target folder is known, so a blocked folder fails before more questions. */
  checkTarget(name: string): void;
}

export interface PromptSection {
  /** Asks what is still open in `answers`, filling it in. */
  ask(answers: PartialSpec, context: PromptContext): Promise<void>;
}

/** A prompt's answer, or CancelledError on Ctrl-C (the library's cancel is a symbol). */
export function answered<T>(value: T): Exclude<T, symbol> {
  if (typeof value === "symbol") throw new CancelledError();
  return value as Exclude<T, symbol>;
}

export function regionOptions(codes: readonly Region[]) {
  return codes.map((code) => ({ value: code, label: describeRegion(code) }));
}
