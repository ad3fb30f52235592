/**
 * The registry: the only place that knows which components exist. Adding a component is a folder
 * generators/<component>/ with its component.ts, its templates in templates/<component>/, and one
 * line here. The order is the order of everything they make: the spec file's fields, the flags in
 * --help, the prompts (a section's defaults may depend on those before it), the generated files
 * and contributions; the estimate groups its lines by what they price (generators/cost/lines.ts).
 */
import type { Generators } from "../src/engine/generator.js";
import type { SpecSection } from "../src/spec/section.js";
import { base } from "./base/component.js";
import { bootstrap } from "./bootstrap/component.js";
import { cache } from "./cache/component.js";
import { ci } from "./ci/component.js";
import { type Component, type ComponentGenerator, pathVariants } from "./component.js";
import { database } from "./database/component.js";
import { docker } from "./docker/component.js";
import { docs } from "./docs/component.js";
import { environments } from "./environments/component.js";
import { copyOf } from "./environments/configs.js";
import { storage } from "./storage/component.js";
import { buildView, type View } from "./view.js";
import { web } from "./web/component.js";
import { worker } from "./worker/component.js";

const REGISTERED = [
  base, // package.json, TypeScript, the shared libraries: config, logs, shutdown, metrics
  web, // the web tier: fly.toml, the server, fly-replay for writes
  database, // Postgres: pools, items, migrations
  cache, // Redis: cache-aside, and the Redis app of our own
  worker, // the worker and its job queue
  storage, // Tigris: the bucket, its S3 client and the file API
  environments, // staging and other environments, and pull-request previews: answers only
  docker, // the image for web and worker
  ci, // GitHub Actions: CI, deploy, Dependabot
  bootstrap, // scripts/bootstrap.sh: provisions everything on Fly
  docs, // the README
] as const;

/** Each component with its own type: the spec's fields and the templates' facts are derived from them. */
export type RegisteredComponent = (typeof REGISTERED)[number];

export const COMPONENTS: readonly Component[] = REGISTERED;

const generators: readonly ComponentGenerator[] = COMPONENTS.flatMap(({ generator }) => (generator ? [generator] : []));
/** The components' spec sections, in the registry's order: src/spec assembles the spec from them. */
export const SPEC_SECTIONS: readonly SpecSection[] = COMPONENTS.flatMap(({ spec }) => (spec ? [spec] : []));

/** The components as the engine takes them (src/engine/generator.ts). */
export const GENERATORS: Generators<View> = {
  list: generators,
  view: (spec, generatorVersion) => buildView(generators, spec, generatorVersion),
  pathVariants: () => [
    ...pathVariants(SPEC_SECTIONS.flatMap((section) => section.fileChoices ?? [])),
    ...SPEC_SECTIONS.flatMap((section) => section.fileExamples ?? []),
  ],
  copyOf,
};
