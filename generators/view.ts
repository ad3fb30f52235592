/**
 * The view every template renders: the facts of every component, merged (each computes its own in
 * generators/<component>/facts.ts), what the spec's components contribute to each other's files,
 * and the /readyz states of all. Templates hold no logic beyond {{#if}} and {{#each}}.
 */
import type { Spec } from "../src/spec/schema.js";
import type { Component } from "./component.js";
import { type Contributions, collect, type Partials, type ReadyState } from "./contribution.js";
import { environmentsOf, previewSpec } from "./environments/environments.js";
import type { COMPONENTS } from "./index.js";

type Registered = (typeof COMPONENTS)[number];
type FactsOf<C> = C extends { facts(spec: Spec, generatorVersion: string): infer F } ? F : never;
type Intersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/** An interface, not a type alias: components refer to it before the registry that defines it is known. */
export interface Facts extends Intersection<FactsOf<Registered>> {}

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

export function buildView(components: readonly Component[], spec: Spec, generatorVersion: string): View {
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
