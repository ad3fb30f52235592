import type { GeneratorOutput as EngineOutput, Generator } from "../src/engine/generator.js";
import type { PartialSpec } from "../src/spec/resolve.js";
import type { Spec } from "../src/spec/schema.js";
import type { FileChoice } from "../src/spec/section.js";
import type { Contribution, Packages, ReadyState } from "./contribution.js";
import type { Facts, View } from "./view.js";

export type GeneratorOutput = EngineOutput<View>;

/**
 * One part of the generated repository, in generators/<component>/ with its templates in
 * templates/<component>/.
 */
export interface Component extends Generator<View> {
  /**
   * What the templates of every component read about this one: computed from the spec alone, and
   * present whether or not the spec uses the component (a template asks `{{#if database.enabled}}`).
   */
  facts?(spec: Spec, generatorVersion: string): object;
  /** Every npm package the component may add, with its version; its contributions pick by name. */
  packages?: Packages;
  /** What /readyz reports about the component, for every spec ("none" when the spec lacks it). */
  readyz?: readonly ReadyState[];
  /** What it adds to the files of others, when the spec has it (generators/contribution.ts). */
  contributes?(facts: Facts): Contribution;
}

/**
 * Answers that between them make the generators write every path they can: every combination of
 * the values of the fields that decide which files exist (each spec section's fileChoices).
 */
export function pathVariants(choices: readonly FileChoice[], answers: PartialSpec = { name: "paths" }): PartialSpec[] {
  const [first, ...rest] = choices;
  if (!first) return [answers];
  return first.values.flatMap((value) => pathVariants(rest, withValue(answers, first.path, value)));
}

function withValue(answers: PartialSpec, path: readonly string[], value: unknown): PartialSpec {
  const [key, ...rest] = path as [keyof PartialSpec & string, ...string[]];
  const inner = rest.length === 0 ? value : withValue((answers[key] ?? {}) as PartialSpec, rest, value);
  return { ...answers, [key]: inner };
}

/** Every package any of the components can add, with its version: what any generated app may install. */
export function packagesOf(components: readonly Component[]): Required<Packages> {
  const all = { dependencies: {}, devDependencies: {} };
  for (const { packages } of components) {
    Object.assign(all.dependencies, packages?.dependencies);
    Object.assign(all.devDependencies, packages?.devDependencies);
  }
  return all;
}
