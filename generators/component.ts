import type { OptionDef } from "../src/cli/options.js";
import type { PromptSection } from "../src/cli/prompting.js";
import type { GeneratorOutput as EngineOutput, Generator } from "../src/engine/generator.js";
import type { PartialSpec } from "../src/spec/resolve.js";
import type { Spec } from "../src/spec/schema.js";
import type { FileChoice, SpecSection } from "../src/spec/section.js";
import type { Contribution, Packages, ReadyState } from "./contribution.js";
import type { ComponentCost } from "./cost/lines.js";
import type { Facts, View } from "./view.js";

export type GeneratorOutput = EngineOutput<View>;

/** Computes a component's facts: the view's type is what these return (generators/view.ts). */
export type ComputeFacts = (spec: Spec, generatorVersion: string) => object;

/**
 * A component as the registry (generators/index.ts) lists it: generators/<component>/component.ts
 * ties together its parts, each in a module of its own because each is needed on other paths and
 * brings other libraries. Every part is optional: environments writes no files of its own, and
 * docker, ci, bootstrap and docs have no part in the spec.
 *
 * A component.ts names the types of its spec section and facts (`never` for none) rather than
 * have them inferred: the spec's type is derived from the registry, and inferring a generator's
 * type needs the spec's, which would go round in a circle.
 */
export interface Component<Section extends SpecSection = SpecSection, Compute extends ComputeFacts = ComputeFacts> {
  /** Also the name of its folder under generators/. */
  readonly name: string;
  /**
   * Its flags (options.ts). The build puts them in the CLI as data (src/cli/component-flags.ts), so
   * --help and parsing load no component.
   */
  readonly flags?: readonly OptionDef[];
  /** Its part of the spec (spec.ts): zod, loaded to create, regenerate or price a spec. */
  readonly spec?: Section;
  /** Its questions (prompts.ts), asked with the prompts library the interactive flow hands them. */
  readonly prompts?: PromptSection;
  /** Its part of the monthly estimate (cost.ts). */
  readonly cost?: ComponentCost;
  /** What it writes (generator.ts), with its templates in templates/<component>/. */
  readonly generator?: ComponentGenerator<Compute>;
}

/** What a component writes, and what it adds to the files of others. */
export interface ComponentGenerator<Compute extends ComputeFacts = ComputeFacts> extends Generator<View> {
  /**
   * What the templates of every component read about this one: computed from the spec alone, and
   * present whether or not the spec uses the component (a template asks `{{#if database.enabled}}`).
   */
  readonly facts?: Compute;
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
  for (const { generator } of components) {
    Object.assign(all.dependencies, generator?.packages?.dependencies);
    Object.assign(all.devDependencies, generator?.packages?.devDependencies);
  }
  return all;
}
