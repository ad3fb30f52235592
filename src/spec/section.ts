/**
 * What a component's spec section (generators/<component>/spec.ts) declares. src/spec assembles the
 * components' sections, in the registry's order, into the schema, the derived defaults, the rules
 * across fields and the JSON Schema, so it names no component itself.
 */
import type * as z from "zod/mini";
import type { PartialSpec } from "./resolve.js";
import type { Spec } from "./schema.js";

/** Top-level fields of the spec, each a zod schema. */
export type Fields = Record<string, z.ZodMiniType>;

/** Reports a rule broken across fields: where, the value found there, and why it is refused. */
export type AddIssue = (path: (string | number)[], input: unknown, message: string) => void;

// biome-ignore lint/complexity/noBannedTypes: a section without trailing fields adds none.
export interface SpecSection<F extends Fields = Fields, T extends Fields = {}> {
  /** The component's fields of the spec; the spec file lists them in the registry's order. */
  readonly fields: F;
  /**
   * Fields that come after every section's own (only the base component has them): where
   * fly-ref-arch.json has always had them, so spec files written before keep their order.
   */
  readonly trailingFields?: T;
  /**
   * Fills in the defaults that depend on other answers, returning new answers (the input is not
   * changed). Sections run in the registry's order, so each sees what those before it derived. A
   * value of the wrong shape is left as it is, for the schema to report where it stands.
   */
  derive?(answers: PartialSpec): PartialSpec;
  /** The rules across fields this component owns; they run once every field is valid on its own. */
  rules?(spec: Spec, add: AddIssue): void;
  /**
   * The fields whose values decide which files the generators write, with every value each may
   * take: src/engine/generated-paths.ts renders every combination to learn every path.
   */
  readonly fileChoices?: readonly FileChoice[];
  /**
   * Answers that write files no combination of fileChoices writes, because they need other fields
   * set too (previews need a staging environment): each is rendered once beside the combinations.
   */
  readonly fileExamples?: readonly PartialSpec[];
  /** What the spec builds of this component, a line per part: shown before confirming and in --dry-run. */
  summary?(spec: Spec): SummaryLine[];
  /** The Fly apps of this component that scripts/bootstrap.sh creates. */
  flyApps?(spec: Spec): string[];
  /**
   * Further whole specs this one describes (an environment besides production), each judged by
   * every section's rules as a spec of its own, its problems reported under `path`.
   */
  variants?(spec: Spec): readonly Variant[];
}

/** A whole spec derived from the one given, and where in the given one it comes from. */
export interface Variant {
  readonly path: readonly (string | number)[];
  readonly spec: Spec;
}

/** A part's label ("database") and what it is. */
export type SummaryLine = [label: string, text: string];

export interface FileChoice {
  readonly path: readonly string[];
  readonly values: readonly (string | number)[];
}

/**
 * A copy of a section's answers to fill in, or undefined when the value is not an object at all
 * (a list, a string, null), which derive must leave for the schema to report.
 */
export function sectionCopy<T extends object>(value: T | undefined): Partial<T> | undefined {
  if (value === undefined) return {};
  return typeof value === "object" && value !== null && !Array.isArray(value) ? { ...value } : undefined;
}

/** The `kind` a section's answers give, if they are an object that gives one. */
export function kindOf(value: unknown): unknown {
  return typeof value === "object" && value !== null ? (value as { kind?: unknown }).kind : undefined;
}
