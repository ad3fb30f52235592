/**
 * What the engine renders a spec with, as it sees it: generators that add files to the tree from
 * their templates folder, and the view their templates read. The engine knows no generator by
 * name; the caller hands it the list (generators/index.ts).
 */
import type { PartialSpec } from "../spec/resolve.js";
import type { Spec } from "../spec/schema.js";

/** What a generator may do: add files to the tree from its own templates folder. */
export interface GeneratorOutput<View extends object = object> {
  readonly spec: Spec;
  readonly view: View;
  /**
   * Adds `dest` from templates/<component>/<template> (the template defaults to `dest`): rendered
   * when there is a `<template>.hbs`, else copied as it is.
   */
  file(dest: string, options?: { template?: string; mode?: number; view?: object }): void;
  /** Adds a JSON file built from a value: structure in code, formatting in one place. */
  json(dest: string, value: unknown): void;
}

export interface Generator<View extends object = object> {
  /** Also the name of its folder under templates/. */
  readonly component: string;
  /** Whether the spec needs this generator's files at all. */
  applies(spec: Spec): boolean;
  generate(out: GeneratorOutput<View>): void;
}

export interface Generators<View extends object = object> {
  /** In the order they run. */
  readonly list: readonly Generator<View>[];
  view(spec: Spec, generatorVersion: string): View;
  /**
   * Answers that between them make the generators write every path they can: one per combination
   * of the choices that decide which files exist (generated-paths.ts).
   */
  pathVariants(): PartialSpec[];
  /**
   * The path of which `path` is a copy named by the spec (an environment's `fly.staging.toml` of
   * `fly.toml`), if it is named like one: names the user chooses cannot be enumerated as variants.
   */
  copyOf?(path: string): string | undefined;
}
