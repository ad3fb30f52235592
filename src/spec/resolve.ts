/**
 * Derived defaults: values whose default depends on other answers (the primary region is the first
 * region, the replica goes to the next one, the queue lives where a backend exists). Each component
 * derives its own (generators/<component>/spec.ts); static defaults stay in the schema so the JSON
 * Schema shows them.
 */
import type { SpecInput } from "./schema.js";
import { SPEC_VERSION, specSections } from "./schema.js";

export type PartialSpec = {
  [K in keyof SpecInput]?: SpecInput[K] extends object | undefined
    ? SpecInput[K] extends unknown[] | undefined
      ? SpecInput[K]
      : { [P in keyof NonNullable<SpecInput[K]>]?: NonNullable<SpecInput[K]>[P] }
    : SpecInput[K];
};

/** Objects merge key by key; arrays and scalars from `over` replace those in `base`. */
export function mergeSpecs(base: PartialSpec, over: PartialSpec): PartialSpec {
  return deepMerge(base, over) as PartialSpec;
}

function deepMerge(base: unknown, over: unknown): unknown {
  if (isPlainObject(base) && isPlainObject(over)) {
    const out: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(over)) {
      if (value !== undefined) out[key] = deepMerge(base[key], value);
    }
    return out;
  }
  return over === undefined ? base : over;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The answers with every derived default filled in; the schema then checks and completes them.
 * A value of the wrong shape (a list where an object belongs, a string for the regions) is passed
 * through untouched, for the schema to report as it is: deriving from it would hide the mistake.
 */
export function withDerivedDefaults(answers: PartialSpec): PartialSpec {
  return specSections.reduce<PartialSpec>((derived, section) => section.derive?.(derived) ?? derived, {
    ...answers,
    version: answers.version ?? SPEC_VERSION,
  });
}
