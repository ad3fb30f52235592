/**
 * Templates from source: read from templates/ and compiled on first use (template-compiler.ts, which
 * parses with handlebars). Development and tests render through this; the published bundle renders
 * the same files precompiled at build time (precompiled-templates.ts) and never loads handlebars.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { compileTemplate } from "./template-compiler.js";
import { isTemplate, TemplateSet } from "./template-set.js";

export { isPartial, partialName, TEMPLATE_SUFFIX, type Templates } from "./template-set.js";

/** Template sources by path relative to templates/, e.g. "web/fly.toml.hbs". */
export type TemplateSources = ReadonlyMap<string, string>;

export class TemplateStore extends TemplateSet {
  readonly #sources: TemplateSources;

  constructor(sources: TemplateSources) {
    super(
      new Map([...sources].map(([path, source]) => [path, isTemplate(path) ? () => compileTemplate(source) : source])),
    );
    this.#sources = sources;
  }

  source(path: string): string {
    const source = this.#sources.get(path);
    if (source === undefined) throw new Error(`no template ${path}`);
    return source;
  }
}

/** The checkout's root, where package.json and templates/ live, found upwards from this module. */
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
