import type { Spec } from "../src/spec/schema.js";
import type { View } from "./view.js";

/** What a generator may do: add files to the tree from its own templates folder. */
export interface GeneratorOutput {
  readonly spec: Spec;
  readonly view: View;
  /**
   * Adds `dest` rendered from templates/<component>/<template>; the template defaults to
   * `dest` + ".hbs". Templates without the .hbs suffix are copied as they are.
   */
  file(dest: string, options?: { template?: string; mode?: number; view?: object }): void;
  /** Adds every template below templates/<component>/<folder>/ under `destFolder`, .hbs stripped. */
  folder(folder: string, destFolder: string): void;
  /** Adds a JSON file built from a value: structure in code, formatting in one place. */
  json(dest: string, value: unknown): void;
}

export interface Generator {
  /** Also the name of its folder under templates/. */
  readonly component: string;
  /** Whether the spec needs this component at all. */
  applies(spec: Spec): boolean;
  generate(out: GeneratorOutput): void;
}
