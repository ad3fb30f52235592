import type { GeneratorOutput as EngineOutput, Generator } from "../src/engine/generator.js";
import { mergeSpecs, type PartialSpec } from "../src/spec/resolve.js";
import type { Spec } from "../src/spec/schema.js";
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
  /**
   * Answers that between them give every set of files this component can write, when the choices
   * that decide its files are its own (the database's kind, the worker's kind and queue).
   */
  pathVariants?: readonly PartialSpec[];
  /** Every npm package the component may add, with its version; its contributions pick by name. */
  packages?: Packages;
  /** What /readyz reports about the component, for every spec ("none" when the spec lacks it). */
  readyz?: readonly ReadyState[];
  /** What it adds to the files of others, when the spec has it (generators/contribution.ts). */
  contributes?(facts: Facts): Contribution;
}

/** Every combination of the components' path variants, each merged into one set of answers. */
export function pathVariants(components: readonly Component[]): PartialSpec[] {
  let variants: PartialSpec[] = [{ name: "paths" }];
  for (const { pathVariants: own } of components) {
    if (own) variants = variants.flatMap((answers) => own.map((variant) => mergeSpecs(answers, variant)));
  }
  return variants;
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
