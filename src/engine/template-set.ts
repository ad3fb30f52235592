/**
 * Rendering of the templates under templates/<component>/, whichever way they were loaded: compiled
 * from source (development, tests) or precompiled at build time (the published bundle). Both share
 * this one class, so helpers and partials behave the same in both. Imports no handlebars itself: the
 * caller passes the full library or only its runtime.
 */
import type Handlebars from "handlebars";
import { FORMAT_HELPERS } from "./template-escapes.js";
import { VALUE_HELPERS } from "./template-values.js";

export const TEMPLATE_SUFFIX = ".hbs";
const PARTIALS_DIR = "_partials";

/**
 * Strict: a missing variable is an error. No HTML escaping: each value goes through its format's helper.
 * Known helpers: a call to one of ours compiles to a direct call instead of a lookup that falls back
 * to the data, which makes the compiled templates smaller and faster; `{{name args}}` with any other
 * name is a compile error.
 */
export const COMPILE_OPTIONS = {
  strict: true,
  noEscape: true,
  knownHelpers: Object.fromEntries(
    [...Object.keys(FORMAT_HELPERS), ...Object.keys(VALUE_HELPERS)].map((h) => [h, true]),
  ),
  knownHelpersOnly: true,
} as const;

/** What both `handlebars` and `handlebars/runtime` offer. */
export type HandlebarsEnvironment = Pick<typeof Handlebars, "registerHelper" | "registerPartial">;

/** A file under templates/: its text when it is copied as it is, else a function giving its compiled template. */
export type TemplateFile = string | (() => Handlebars.TemplateDelegate);

/** What generators need from the templates, by path relative to templates/ (e.g. "web/fly.toml.hbs"). */
export interface Templates {
  has(path: string): boolean;
  /** Paths of the templates below a folder, e.g. "app/src/" (partials excluded). */
  list(prefix: string): string[];
  /** A .hbs template rendered with `view`; any other file is returned as it is. */
  render(path: string, view: object): string;
}

export class TemplateSet implements Templates {
  readonly #files: ReadonlyMap<string, TemplateFile>;
  readonly #compiled = new Map<string, Handlebars.TemplateDelegate>();

  constructor(handlebars: HandlebarsEnvironment, files: ReadonlyMap<string, TemplateFile>) {
    this.#files = files;
    handlebars.registerHelper({ ...FORMAT_HELPERS, ...VALUE_HELPERS });
    for (const [path, file] of files) {
      if (isPartial(path))
        handlebars.registerPartial(partialName(path), typeof file === "string" ? file : onFirstUse(file));
    }
  }

  has(path: string): boolean {
    return this.#files.has(path);
  }

  list(prefix: string): string[] {
    return [...this.#files.keys()].filter((p) => p.startsWith(prefix) && !isPartial(p)).sort();
  }

  render(path: string, view: object): string {
    const file = this.#files.get(path);
    if (file === undefined) throw new Error(`no template ${path}`);
    if (typeof file === "string") return file;
    let template = this.#compiled.get(path);
    if (!template) {
      template = file();
      this.#compiled.set(path, template);
    }
    try {
      return template(view);
    } catch (error) {
      throw new Error(`template ${path}: ${(error as Error).message}`);
    }
  }
}

/**
 * A partial made into a template only when a render first calls it: a spec uses the partials of its
 * own components, and making each of them up front was most of the templates' loading.
 */
function onFirstUse(file: () => Handlebars.TemplateDelegate): Handlebars.TemplateDelegate {
  let template: Handlebars.TemplateDelegate | undefined;
  return (context, options) => {
    template ??= file();
    return template(context, options);
  };
}

/** Only .hbs files are handlebars templates; the rest are copied verbatim. */
export function isTemplate(path: string): boolean {
  return path.endsWith(TEMPLATE_SUFFIX);
}

export function isPartial(path: string): boolean {
  return path.split("/").includes(PARTIALS_DIR);
}

/** "web/_partials/vm.toml.hbs" is used as {{> web/vm}}. */
export function partialName(path: string): string {
  return path
    .replace(`/${PARTIALS_DIR}/`, "/")
    .replace(/\.[^/]*$/, "")
    .replace(/\.[^/]*$/, "");
}
