/** Renders a spec the way the CLI does, for tests of the pure core. */
import { GENERATORS } from "../../generators/index.js";
import { renderProject } from "../../src/engine/render-project.js";
import { readTemplateSources, TemplateStore } from "../../src/engine/templates.js";
import type { Tree } from "../../src/engine/tree.js";
import { type PartialSpec, withDerivedDefaults } from "../../src/spec/resolve.js";
import type { Spec } from "../../src/spec/schema.js";
import { validateSpec } from "../../src/spec/validate.js";
import { generatorVersion } from "../../src/version.js";

export const templates = new TemplateStore(readTemplateSources());
export const generators = GENERATORS;

/** A complete spec from partial answers, failing the test with every problem when it is invalid. */
export function specFrom(answers: PartialSpec): Spec {
  const result = validateSpec(withDerivedDefaults(answers));
  if (!result.ok) throw new Error(`invalid test spec: ${JSON.stringify(result.problems)}`);
  return result.spec;
}

export function render(answers: PartialSpec, version = generatorVersion()): Tree {
  return renderProject(specFrom(answers), { generators, templates, version });
}
