/** Turns zod's issues into problems that name the field, the bad value and what is allowed. */

import type { z } from "zod";
import { echo, echoQuoted } from "../echo.js";
import { type Spec, specFields, specSchema } from "./schema.js";

export interface SpecProblem {
  /** Where in the spec, e.g. ["database", "replicaRegions", 0]. */
  path: (string | number)[];
  message: string;
}

export type SpecResult = { ok: true; spec: Spec } | { ok: false; problems: SpecProblem[] };

export function validateSpec(input: unknown): SpecResult {
  const result = specSchema.safeParse(input, { reportInput: true });
  if (result.success) return { ok: true, spec: result.data };
  return { ok: false, problems: result.error.issues.flatMap(toProblems) };
}

/** Each field on its own, without the rules that relate fields (for answers that are not complete yet). */
export function validateFields(input: unknown): SpecProblem[] {
  const result = specFields.safeParse(input, { reportInput: true });
  return result.success ? [] : result.error.issues.flatMap(toProblems);
}

const TYPE_NAMES: Record<string, string> = {
  int: "a whole number",
  number: "a number",
  string: "a string",
  array: "a list",
  object: "an object",
  record: "an object",
  boolean: "true or false",
};

function toProblems(issue: z.core.$ZodIssue): SpecProblem[] {
  const path = issue.path.map((p) => (typeof p === "symbol" ? String(p) : p));
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => ({
      path: [...path, key],
      message: `unknown field ${echoQuoted(key)}; allowed: ${fieldsAt(path).join(", ")}`,
    }));
  }
  // A bad key of a record (an environment's name): its own check says what is wrong with it.
  if (issue.code === "invalid_key") {
    return issue.issues.map((inner) => ({ path, message: inner.message }));
  }
  if (issue.code === "invalid_type" && issue.input === undefined) {
    return [{ path, message: "is required" }];
  }
  if (issue.code === "invalid_type") {
    const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
    return [{ path, message: `expected ${expected}, got ${echoQuoted(issue.input)}` }];
  }
  return [{ path, message: issue.message }];
}

/** The field names the schema allows at an object path, for "unknown field" messages. */
export function fieldsAt(path: readonly (string | number)[]): string[] {
  let node: z.core.$ZodType | undefined = specSchema;
  for (const key of path) node = shapeOf(node)?.[String(key)] ?? recordValue(node);
  return Object.keys(shapeOf(node) ?? {});
}

/** Defaults, prefaults and optionals wrap the object whose shape we want. */
function unwrapped(node: z.core.$ZodType | undefined): z.core.$ZodType | undefined {
  let current = node;
  while (current && "innerType" in current._zod.def) current = current._zod.def.innerType as z.core.$ZodType;
  return current;
}

/** What every value of a record is (an environment's fields), whatever its key. */
function recordValue(node: z.core.$ZodType | undefined): z.core.$ZodType | undefined {
  const current = unwrapped(node);
  return current && "valueType" in current._zod.def ? (current._zod.def.valueType as z.core.$ZodType) : undefined;
}

function shapeOf(node: z.core.$ZodType | undefined): Record<string, z.core.$ZodType> | undefined {
  const current = unwrapped(node);
  return current && "shape" in current._zod.def
    ? (current._zod.def.shape as Record<string, z.core.$ZodType>)
    : undefined;
}

/** `database.replicaRegions[0]`, the way a person reads a JSON path. */
export function formatPath(path: readonly (string | number)[]): string {
  return path.reduce<string>(
    (out, part) => (typeof part === "number" ? `${out}[${part}]` : out ? `${out}.${echo(part)}` : echo(part)),
    "",
  );
}
