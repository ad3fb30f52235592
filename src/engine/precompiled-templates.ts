/**
 * Templates precompiled at build time (scripts/precompile-templates.ts), rendered with the
 * handlebars runtime only: the published CLI neither reads template files nor compiles them.
 */
import type Handlebars from "handlebars";
import runtime from "handlebars/runtime";
import { type TemplateFile, TemplateSet } from "./template-set.js";

/** Per path under templates/: verbatim text, or handlebars' precompiled template spec. */
export type PrecompiledFiles = Readonly<Record<string, string | TemplateSpecification>>;
type TemplateSpecification = Parameters<typeof Handlebars.template>[0];

export function precompiledTemplates(files: PrecompiledFiles): TemplateSet {
  const handlebars = runtime.create();
  const entries = new Map<string, TemplateFile>(
    Object.entries(files).map(([path, file]) => [
      path,
      typeof file === "string" ? file : () => handlebars.template(file),
    ]),
  );
  return new TemplateSet(handlebars, entries);
}
