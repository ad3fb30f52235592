/**
 * The view every template renders: the facts of every component, merged. Each component computes
 * its own (generators/<component>/facts.ts), so templates hold no logic beyond {{#if}} and {{#each}}.
 */
import type { Spec } from "../src/spec/schema.js";
import type { Component } from "./component.js";
import type { COMPONENTS } from "./index.js";

type Registered = (typeof COMPONENTS)[number];
type FactsOf<C> = C extends { facts(spec: Spec, generatorVersion: string): infer F } ? F : never;
type Intersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/** An interface, not a type alias: components refer to it before the registry that defines it is known. */
export interface View extends Intersection<FactsOf<Registered>> {}

export function buildView(components: readonly Component[], spec: Spec, generatorVersion: string): View {
  const view = {};
  for (const component of components) Object.assign(view, component.facts?.(spec, generatorVersion));
  return view as View;
}
