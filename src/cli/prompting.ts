/**
 * What a component's prompts (generators/<component>/prompts.ts) declare and share. The interactive
 * flow asks the sections in the order of generators/sections.ts; each asks only what the flags and
 * the spec file left open.
 */
import { isCancel } from "@clack/prompts";
import { describeRegion, type Region } from "../spec/regions.js";
import type { PartialSpec } from "../spec/resolve.js";
import { CancelledError } from "./errors.js";

export interface PromptContext {
  /** The name the directory suggests, if any. */
  suggestedName: string | undefined;
  /** Called as soon as the target folder is known, so a blocked folder fails before more questions. */
  checkTarget(name: string): void;
}

export interface PromptSection {
  /** Asks what is still open in `answers`, filling it in. */
  ask(answers: PartialSpec, context: PromptContext): Promise<void>;
}

/** A prompt's answer, or CancelledError on Ctrl-C. */
export function answered<T>(value: T): Exclude<T, symbol> {
  if (isCancel(value) || typeof value === "symbol") throw new CancelledError();
  return value as Exclude<T, symbol>;
}

export function regionOptions(codes: readonly Region[]) {
  return codes.map((code) => ({ value: code, label: describeRegion(code) }));
}
