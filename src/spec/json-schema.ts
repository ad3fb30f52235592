/** The JSON Schema of the spec file, derived from the zod schema so editors complete exactly what we accept. */
import { z } from "zod";
import { withDerivedDefaults } from "./resolve.js";
import { specSchema } from "./schema.js";

/**
 * Required by the zod schema, which checks answers after withDerivedDefaults; a spec file may leave
 * out what that fills in (`--spec` does it), so the file's schema must not demand them.
 */
const DERIVED_FIELDS = new Set(Object.keys(withDerivedDefaults({})));

export function specJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(specSchema, { io: "input", unrepresentable: "any" });
  return {
    ...schema,
    required: (schema.required ?? []).filter((field) => !DERIVED_FIELDS.has(field)),
    $id: "https://unpkg.com/create-fly-ref-arch/schema.json",
    title: "create-fly-ref-arch spec (fly-ref-arch.json)",
  };
}
