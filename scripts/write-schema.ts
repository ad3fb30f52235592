/** Writes schema.json at the package root (run by `npm run build`; shipped in the package). */
import { writeFileSync } from "node:fs";
import { specJsonSchema } from "../src/spec/json-schema.js";

writeFileSync(new URL("../schema.json", import.meta.url), `${JSON.stringify(specJsonSchema(), null, 2)}\n`);
