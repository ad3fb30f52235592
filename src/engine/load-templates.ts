/**
 * The templates the CLI renders. Run from source, they are read from templates/ and compiled; the
 * build (tsup.config.ts) replaces this module with one that hands precompiled templates to
 * precompiled-templates.ts, so the bundle carries no template files and no compiler.
 */
import type { Templates } from "./template-set.js";
import { readTemplateSources, TemplateStore } from "./templates.js";

export function loadTemplates(): Templates {
  return new TemplateStore(readTemplateSources());
}
