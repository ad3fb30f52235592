/**
 * The spec: every answer the generator needs, validated in one place. Flags, prompts, spec files
 * and the exported JSON Schema all go through this schema, so they cannot disagree. It is assembled
 * from the components' sections (generators/<component>/spec.ts), in the registry's order
 * (generators/index.ts).
 */
import * as z from "zod/mini";
import { type RegisteredComponent, SPEC_SECTIONS } from "../../generators/index.js";
import { echoQuoted } from "../echo.js";
import type { AddIssue, SpecSection, Variant } from "./section.js";

export const SPEC_VERSION = 1;
export { SPEC_FILE } from "./file.js";

/** The sections in the registry's order, as generators/index.ts gathers them. */
export const specSections: readonly SpecSection[] = SPEC_SECTIONS;

// Each section is typed by its own fields, so Spec has exactly the fields the sections declare.
type Registered = NonNullable<RegisteredComponent["spec"]>;
type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
type FieldsOf<S> = S extends SpecSection<infer F, infer T> ? F & T : never;
type SectionFields = UnionToIntersection<FieldsOf<Registered>>;

const envelope = {
  $schema: z.optional(z.string()),
  version: z._default(
    z.literal(SPEC_VERSION, {
      error: (issue) => `${echoQuoted(issue.input)} is not a supported spec version; allowed: ${SPEC_VERSION}`,
    }),
    SPEC_VERSION,
  ),
};

const specObject = z.strictObject({
  ...envelope,
  ...(Object.assign(
    {},
    ...specSections.map((section) => section.fields),
    ...specSections.map((section) => section.trailingFields),
  ) as SectionFields),
});

/** A complete, validated spec. */
export type Spec = z.output<typeof specObject>;
/** What a spec file or the flags may leave out. */
export type SpecInput = z.input<typeof specObject>;

/** The fields alone, without the rules across fields. */
export const specFields = specObject;

export const specSchema = specObject.check(
  z.superRefine((spec, ctx) => {
    // Rules across fields judge only values that are valid on their own: a port of 0 is one problem,
    // not also "minMachinesRunning is more than 0".
    if (ctx.issues.length > 0) return;
    const add: AddIssue = (path, input, message) => ctx.addIssue({ code: "custom", path, input, message });
    for (const section of specSections) section.rules?.(spec, add);
    // A variant repeats the spec's own values: judged only once they pass, so each problem is told once.
    if (ctx.issues.length > 0) return;
    for (const variant of variantsOf(spec)) {
      const addAt: AddIssue = (path, input, message) => add([...variant.path, ...path], input, message);
      for (const section of specSections) section.rules?.(variant.spec, addAt);
    }
  }),
);

/** The whole specs the spec describes besides itself (generators/environments: one per environment). */
export function variantsOf(spec: Spec): Variant[] {
  return specSections.flatMap((section) => section.variants?.(spec) ?? []);
}
