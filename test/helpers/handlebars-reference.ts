/**
 * Our templates rendered by handlebars itself, compiled to JavaScript in strict, unescaped mode with
 * our helpers as its only known ones: the reference the renderer (src/engine/template-renderer.ts)
 * is held to.
 */
import Handlebars from "handlebars";
import { TEMPLATE_HELPERS as HELPERS } from "../../src/engine/template-helpers.js";
import { isPartial, isTemplate, partialName, type Templates } from "../../src/engine/template-set.js";
import type { TemplateSources } from "../../src/engine/templates.js";

export const REFERENCE_OPTIONS = {
  strict: true,
  noEscape: true,
  knownHelpers: Object.fromEntries(Object.keys(HELPERS).map((name) => [name, true])),
  knownHelpersOnly: true,
} as const;

export function handlebarsTemplates(sources: TemplateSources): Templates {
  const handlebars = Handlebars.create();
  handlebars.registerHelper(HELPERS);
  for (const [path, source] of sources) {
    if (isPartial(path)) handlebars.registerPartial(partialName(path), handlebars.compile(source, REFERENCE_OPTIONS));
  }
  return {
    has: (path) => sources.has(path),
    list: (prefix) => [...sources.keys()].filter((p) => p.startsWith(prefix) && !isPartial(p)).sort(),
    render(path, view) {
      const source = sources.get(path);
      if (source === undefined) throw new Error(`no template ${path}`);
      if (!isTemplate(path)) return source;
      try {
        return handlebars.compile(source, REFERENCE_OPTIONS)(view);
      } catch (error) {
        throw new Error(`template ${path}: ${(error as Error).message}`);
      }
    },
  };
}
