/**
 * Templates compiled at build time (scripts/precompile-templates.ts): the published CLI neither reads
 * template files nor loads handlebars.
 */
import type { Program } from "./template-program.js";
import { isTemplate, type TemplateFile, TemplateSet } from "./template-set.js";

/**
 * Per path under templates/: a verbatim file's text, or a template's Program as JSON text, parsed on
 * its first render. Most of a create's templates render once, and a spec leaves some unrendered.
 */
export type PrecompiledFiles = Readonly<Record<string, string>>;

export function precompiledTemplates(files: PrecompiledFiles): TemplateSet {
  return new TemplateSet(
    new Map<string, TemplateFile>(
      Object.entries(files).map(([path, text]) => [path, isTemplate(path) ? () => JSON.parse(text) as Program : text]),
    ),
  );
}
