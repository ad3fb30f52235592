/**
 * Templates: handlebars files under templates/<component>/, compiled on first use in strict mode
 * (a missing variable is an error) and without HTML escaping (each value is escaped by the helper
 * of its file's format instead).
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import Handlebars from "handlebars";
import { FORMAT_HELPERS, VALUE_HELPERS } from "./format-helpers.js";

/** Template sources by path relative to templates/, e.g. "web/fly.toml.hbs". */
export type TemplateSources = ReadonlyMap<string, string>;

export const TEMPLATE_SUFFIX = ".hbs";
const PARTIALS_DIR = "_partials";

export class TemplateStore {
  readonly #sources: TemplateSources;
  readonly #compiled = new Map<string, Handlebars.TemplateDelegate>();
  readonly #handlebars = Handlebars.create();

  constructor(sources: TemplateSources) {
    this.#sources = sources;
    this.#handlebars.registerHelper({ ...FORMAT_HELPERS, ...VALUE_HELPERS });
    for (const [path, source] of sources) {
      if (isPartial(path)) this.#handlebars.registerPartial(partialName(path), source);
    }
  }

  has(path: string): boolean {
    return this.#sources.has(path);
  }

  /** Paths of the templates below a folder, e.g. "app/src/" (partials excluded). */
  list(prefix: string): string[] {
    return [...this.#sources.keys()].filter((p) => p.startsWith(prefix) && !isPartial(p)).sort();
  }

  source(path: string): string {
    const source = this.#sources.get(path);
    if (source === undefined) throw new Error(`no template ${path}`);
    return source;
  }

  /** A .hbs template rendered with `view`; any other file is returned as it is. */
  render(path: string, view: object): string {
    if (!path.endsWith(TEMPLATE_SUFFIX)) return this.source(path);
    let template = this.#compiled.get(path);
    if (!template) {
      template = this.#handlebars.compile(this.source(path), { strict: true, noEscape: true });
      this.#compiled.set(path, template);
    }
    try {
      return template(view);
    } catch (error) {
      throw new Error(`template ${path}: ${(error as Error).message}`);
    }
  }
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

/** The package root: where package.json and templates/ live, from src/ in development or dist/ when built. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      readdirSync(join(dir, "templates"));
      return dir;
    } catch {
      const parent = dirname(dir);
      if (parent === dir) throw new Error("cannot find the templates folder of create-fly-ref-arch");
      dir = parent;
    }
  }
}

/** Every file under templates/, read from disk. */
export function readTemplateSources(root = join(packageRoot(), "templates")): TemplateSources {
  const sources = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else sources.set(relative(root, full).split(sep).join("/"), readFileSync(full, "utf8"));
    }
  };
  walk(root);
  return sources;
}
