/**
 * The engine sits below the generators: it is handed the generator list (src/engine/generator.ts)
 * and imports nothing from generators/, so a component is added without touching it.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const ENGINE = join(ROOT, "src/engine");

/** Every module specifier of a file's import and export statements, static and dynamic. */
function specifiers(source: string): string[] {
  return [...source.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)["']([^"']+)["']/g)].map((m) => m[1] as string);
}

it("src/engine imports nothing from generators/", () => {
  const reaching = readdirSync(ENGINE)
    .filter((name) => name.endsWith(".ts"))
    .flatMap((name) => {
      const file = join(ENGINE, name);
      return specifiers(readFileSync(file, "utf8"))
        .filter((specifier) => specifier.startsWith("."))
        .map((specifier) => relative(ROOT, resolve(dirname(file), specifier)))
        .filter((target) => target.startsWith("generators"))
        .map((target) => `src/engine/${name} imports ${target}`);
    });
  expect(reaching).toEqual([]);
});

it("finds the imports it checks", () => {
  expect(specifiers('import { a } from "../x.js";\nimport type { B } from "./y.js";\nawait import("z");')).toEqual([
    "../x.js",
    "./y.js",
    "z",
  ]);
});
