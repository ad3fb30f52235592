/**
 * spec → Tree: the pure core. No disk (templates come in), no clock, no network, so the same spec
 * and generator version always give byte-identical output.
 */
import { GENERATORS } from "../../generators/index.js";
import type { GeneratorOutput } from "../../generators/types.js";
import { buildView } from "../../generators/view.js";
import { SPEC_FILE, type Spec } from "../spec/schema.js";
import { metadataFiles, stringifyJson } from "./manifest.js";
import { TEMPLATE_SUFFIX, type Templates } from "./template-set.js";
import { Tree } from "./tree.js";

/** Where the generated spec points editors for completion: the schema shipped in our package. */
export const SPEC_SCHEMA_REF = "./node_modules/create-fly-ref-arch/schema.json";

export interface RenderOptions {
  templates: Templates;
  version: string;
}

export function renderProject(spec: Spec, options: RenderOptions): Tree {
  const tree = renderGenerated(spec, options);
  const metadata = metadataFiles(tree, options.version);
  for (const [path, content] of metadata) tree.add(path, content);
  // The spec is the user's input, not generated output: the manifest leaves it out.
  tree.add(SPEC_FILE, specFileContent(spec));
  return tree;
}

/** Only what the generators produce: the files regeneration keeps up to date. */
export function renderGenerated(spec: Spec, { templates, version }: RenderOptions): Tree {
  const tree = new Tree();
  const view = buildView(spec, version);
  for (const generator of GENERATORS) {
    if (generator.applies(spec)) generator.generate(outputFor(generator.component, tree, templates, view));
  }
  return tree;
}

export function specFileContent(spec: Spec): string {
  const { $schema: _ignored, ...rest } = spec;
  return stringifyJson({ $schema: SPEC_SCHEMA_REF, ...rest });
}

function outputFor(component: string, tree: Tree, templates: Templates, view: GeneratorOutput["view"]) {
  const out: GeneratorOutput = {
    spec: view.spec,
    view,
    file(dest, options = {}) {
      const template = `${component}/${options.template ?? `${dest}${TEMPLATE_SUFFIX}`}`;
      tree.add(dest, templates.render(template, options.view ?? view), options.mode);
    },
    folder(folder, destFolder) {
      const prefix = `${component}/${folder}/`;
      for (const template of templates.list(prefix)) {
        const dest = `${destFolder}/${template.slice(prefix.length)}`.replace(/\.hbs$/, "");
        tree.add(dest, templates.render(template, view));
      }
    },
    json(dest, value) {
      tree.add(dest, stringifyJson(value));
    },
  };
  return out;
}
