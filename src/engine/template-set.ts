/**
 * Rendering of the templates under templates/<component>/, whichever way they were loaded: compiled
 * from source (development, tests) or precompiled at build time (the published bundle). Both share
 * this one class, so helpers and partials behave the same in both. Imports no handlebars: the
 * templates come compiled (template-program.ts).
 */
import { TEMPLATE_HELPERS } from "./template-helpers.js";
import type { Program } from "./template-program.js";
import { type Helper, renderTemplate, type TemplateEnvironment } from "./template-renderer.js";

export const TEMPLATE_SUFFIX = ".hbs";
const PARTIALS_DIR = "_partials";

/** A file under templates/: its text when it is copied as it is, else a function giving its compiled template. */
export type TemplateFile = string | (() => Program);

/** What generators need from the templates, by path relative to templates/ (e.g. "web/fly.toml.hbs"). */
export interface Templates {
  has(path: string): boolean;
  /** Paths of the templates below a folder, e.g. "app/src/" (partials excluded). */
  list(prefix: string): string[];
  /** A .hbs template rendered with `view`; any other file is returned as it is. */
  render(path: string, view: object): string;
}

const HELPERS: Readonly<Record<string, Helper>> = TEMPLATE_HELPERS as Record<string, Helper>;

export class TemplateSet implements Templates {
  readonly #files: ReadonlyMap<string, TemplateFile>;
  /** Each template compiled (or its JSON parsed) once, when a render first needs it. */
  readonly #compiled = new Map<string, Program>();
  readonly #partials: ReadonlyMap<string, string>;
  readonly #env: TemplateEnvironment;

  constructor(files: ReadonlyMap<string, TemplateFile>) {
    this.#files = files;
    this.#partials = new Map([...files.keys()].filter(isPartial).map((path) => [partialName(path), path]));
    this.#env = {
      helpers: HELPERS,
      partial: (name) => {
        const path = this.#partials.get(name);
        return path === undefined ? undefined : this.#program(path);
      },
    };
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
    try {
      return renderTemplate(this.#program(path), view, this.#env);
    } catch (error) {
      throw new Error(`template ${path}: ${(error as Error).message}`);
    }
  }

  #program(path: string): Program {
    let program = this.#compiled.get(path);
    if (program === undefined) {
      const file = this.#files.get(path);
      if (typeof file !== "function") throw new Error(`${path} is not a template`);
      program = file();
      this.#compiled.set(path, program);
    }
    return program;
  }
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
