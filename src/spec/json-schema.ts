/** The JSON Schema of the spec file, derived from the zod schema so editors complete exactly what we accept. */
import { z } from "zod";
import { specSchema } from "./schema.js";

export function specJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(specSchema, { io: "input", unrepresentable: "any" }),
    $id: "https://unpkg.com/create-fly-ref-arch/schema.json",
    title: "create-fly-ref-arch spec (fly-ref-arch.json)",
  };
}
