/**
 * Build step: every file under templates/ as JavaScript source of a `PrecompiledFiles` object —
 * handlebars' precompiled spec for a .hbs template, the text itself for a verbatim file. The build
 * inlines it into the bundle (tsup.config.ts); test/package/template-paths.test.ts renders through it.
 */
import { templateCompiler } from "../src/engine/template-compiler.js";
import { COMPILE_OPTIONS, isTemplate } from "../src/engine/template-set.js";
import type { TemplateSources } from "../src/engine/templates.js";

export function precompiledFilesSource(sources: TemplateSources): string {
  const handlebars = templateCompiler();
  const entries = [...sources]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([path, source]) => {
      const value = isTemplate(path) ? String(handlebars.precompile(source, COMPILE_OPTIONS)) : JSON.stringify(source);
      return `  ${JSON.stringify(path)}: ${value},`;
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
