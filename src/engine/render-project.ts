/**
 * spec → Tree: the pure core. No disk (templates come in), no clock, no network, so the same spec
 * and generator version always give byte-identical output.
 */
import { SPEC_FILE } from "../spec/file.js";
import type { Spec } from "../spec/schema.js";
import type { GeneratorOutput, Generators } from "./generator.js";
import { metadataFiles, stringifyJson } from "./manifest.js";
import { TEMPLATE_SUFFIX, type Templates } from "./template-set.js";
import { Tree } from "./tree.js";

/** Where the generated spec points editors for completion: the schema shipped in our package. */
export const SPEC_SCHEMA_REF = "./node_modules/create-fly-ref-arch/schema.json";

export interface RenderOptions {
  generators: Generators;
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
export function renderGenerated(spec: Spec, options: RenderOptions): Tree {
  const tree = new Tree();
  runGenerators(spec, options, (dest, content, mode) => tree.add(dest, content(), mode));
  return tree;
}

/** Where a generator's files go: a path, its text (computed only when asked for), its mode. */
export type FileSink = (dest: string, content: () => string, mode?: number) => void;

/**
 * Every generator that applies to `spec`, handing each file to `sink`. Rendering happens only when
 * the sink asks for a file's text, so the paths alone cost no rendering (generated-paths.ts).
 */
export function runGenerators(spec: Spec, { generators, templates, version }: RenderOptions, sink: FileSink): void {
  const view = generators.view(spec, version);
  for (const generator of generators.list) {
    if (generator.applies(spec)) generator.generate(outputFor(generator.component, { spec, view, sink, templates }));
  }
}

export function specFileContent(spec: Spec): string {
  const { $schema: _ignored, ...rest } = spec;
  return stringifyJson({ $schema: SPEC_SCHEMA_REF, ...rest });
}

interface Rendering {
  spec: Spec;
  view: object;
  sink: FileSink;
  templates: Templates;
}

function outputFor(component: string, { spec, view, sink, templates }: Rendering): GeneratorOutput {
  return {
    spec,
    view,
    file(dest, options = {}) {
      const named = `${component}/${options.template ?? dest}`;
      const template = templates.has(`${named}${TEMPLATE_SUFFIX}`) ? `${named}${TEMPLATE_SUFFIX}` : named;
      sink(dest, () => templates.render(template, options.view ?? view), options.mode);
    },
    json(dest, value) {
      sink(dest, () => stringifyJson(value));
    },
  };
}
