/**
 * The registry: the only place that knows which components exist. Adding a component is a folder
 * generators/<component>/, its templates in templates/<component>/, and one line here. The order
 * is the order their files and contributions are gathered in.
 */
import type { Generators } from "../src/engine/generator.js";
import { fileChoices, fileExamples } from "../src/spec/schema.js";
import { base } from "./base/generator.js";
import { bootstrap } from "./bootstrap/generator.js";
import { cache } from "./cache/generator.js";
import { ci } from "./ci/generator.js";
import { pathVariants } from "./component.js";
import { database } from "./database/generator.js";
import { docker } from "./docker/generator.js";
import { docs } from "./docs/generator.js";
import { copyOf } from "./environments/configs.js";
import { storage } from "./storage/generator.js";
import { buildView, type View } from "./view.js";
import { web } from "./web/generator.js";
import { worker } from "./worker/generator.js";

export const COMPONENTS = [
  base, // package.json, TypeScript, the shared libraries: config, logs, shutdown, metrics
  web, // the web tier: fly.toml, the server, fly-replay for writes
  database, // Postgres: pools, items, migrations
  cache, // Redis: cache-aside, and the Redis app of our own
  worker, // the worker and its job queue
  storage, // Tigris: the bucket, its S3 client and the file API
  docker, // the image for web and worker
  ci, // GitHub Actions: CI, deploy, Dependabot
  bootstrap, // scripts/bootstrap.sh: provisions everything on Fly
  docs, // the README
] as const;

/** The components as the engine takes them (src/engine/generator.ts). */
export const GENERATORS: Generators<View> = {
  list: COMPONENTS,
  view: (spec, generatorVersion) => buildView(COMPONENTS, spec, generatorVersion),
  pathVariants: () => [...pathVariants(fileChoices), ...fileExamples],
  copyOf,
};
