import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "./engine/templates.js";

/** Our own version, recorded in every manifest so regeneration knows what produced a file. */
export function generatorVersion(): string {
  const pkg = JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")) as { version: string };
  return pkg.version;
}
