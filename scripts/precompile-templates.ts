/**
 * Build step: every file under templates/ as JavaScript source of a `PrecompiledFiles` object —
 * a .hbs template's compiled Program as JSON text, the text itself for a verbatim file. The build
 * inlines it into the bundle (tsup.config.ts); test/package/template-paths.test.ts renders through it.
 */
import { compileTemplate } from "../src/engine/template-compiler.js";
import { isTemplate } from "../src/engine/template-set.js";
import type { TemplateSources } from "../src/engine/templates.js";

export function precompiledFilesSource(sources: TemplateSources): string {
  const entries = [...sources]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([path, source]) => {
      const text = isTemplate(path) ? JSON.stringify(compileTemplate(source)) : source;
      return `  ${JSON.stringify(path)}: ${JSON.stringify(text)},`;
    });
  return `{\n${entries.join("\n")}\n}`;
}

/** The module the build puts in place of src/engine/load-templates.ts. */
export function precompiledLoaderSource(sources: TemplateSources): string {
  return [
    'import { precompiledTemplates } from "./precompiled-templates.js";',
    `const files = ${precompiledFilesSource(sources)};`,
    "export function loadTemplates() {",
    "  return precompiledTemplates(files);",
    "}",
    "",
  ].join("\n");
}
