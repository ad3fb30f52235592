/**
 * The view every template renders: the facts of every component, merged (each computes its own in
 * generators/<component>/facts.ts), what the spec's components contribute to each other's files,
 * and the /readyz states of all. Templates hold no logic beyond {{#if}} and {{#each}}.
 */
import type { Spec } from "../src/spec/schema.js";
import type { ComponentGenerator } from "./component.js";
import { type Contributions, collect, type Partials, type ReadyState } from "./contribution.js";
import { environmentsOf, previewSpec } from "./environments/environments.js";
import type { RegisteredComponent } from "./index.js";

type FactsOf<C> = C extends { generator?: { facts?: infer Compute } } ? ReturnOf<Compute> : never;
type ReturnOf<F> = F extends (...args: never[]) => infer R ? R : never;
type Intersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/** An interface, not a type alias: components refer to it before the registry that defines it is known. */
export interface Facts extends Intersection<FactsOf<RegisteredComponent>> {}

export interface View extends Facts {
  readonly contributed: Contributions;
  /** By slot, the components that fill it: `{{#each partials.[web-app-open]}}`. */
  readonly partials: Partials;
  readonly readyz: readonly ReadyState[];
  /** The view of each environment besides production (none in an environment's own view). */
  readonly environmentViews: readonly { readonly name: string; readonly view: View }[];
  /** The view of a pull request's preview, with `<number>` for its number, when the spec has previews. */
  readonly previewView: View | undefined;
}

export function buildView(components: readonly ComponentGenerator[], spec: Spec, generatorVersion: string): View {
  const facts = {} as Facts;
  for (const component of components) Object.assign(facts, component.facts?.(spec, generatorVersion));
  const inSpec = components.filter((component) => component.applies(spec));
  const environmentViews = environmentsOf(spec)
    .slice(1)
    .map(({ name, spec: env }) => ({ name, view: buildView(components, env, generatorVersion) }));
  const preview = previewSpec(spec);
  return {
    ...facts,
    ...collect(inSpec, facts),
    readyz: components.flatMap((component) => component.readyz ?? []),
    environmentViews,
    previewView: preview && buildView(components, preview, generatorVersion),
  };
}
