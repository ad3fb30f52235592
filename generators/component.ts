import type { Spec } from "../src/spec/schema.js";
import type { View } from "./view.js";

/** What a generator may do: add files to the tree from its own templates folder. */
export interface GeneratorOutput {
  readonly spec: Spec;
  readonly view: View;
  /**
   * Adds `dest` from templates/<component>/<template> (the template defaults to `dest`): rendered
   * when there is a `<template>.hbs`, else copied as it is.
   */
  file(dest: string, options?: { template?: string; mode?: number; view?: object }): void;
  /** Adds every template below templates/<component>/<folder>/ under `destFolder`, .hbs stripped. */
  folder(folder: string, destFolder: string): void;
  /** Adds a JSON file built from a value: structure in code, formatting in one place. */
  json(dest: string, value: unknown): void;
}

/**
 * One part of the generated repository, in generators/<component>/ with its templates in
 * templates/<component>/.
 */
export interface Component {
  /** Also the name of its folders under generators/ and templates/. */
  readonly component: string;
  /**
   * What the templates of every component read about this one: computed from the spec alone, and
   * present whether or not the spec uses the component (a template asks `{{#if database.enabled}}`).
   */
  facts?(spec: Spec, generatorVersion: string): object;
  /** Whether the spec needs this component's files at all. */
  applies(spec: Spec): boolean;
  generate(out: GeneratorOutput): void;
}
