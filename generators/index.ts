/**
 * The registry: the only place that knows which components exist. Adding a component is a new
 * module under generators/, its templates under templates/<component>/, and one line here.
 */
import { app } from "./app.js";
import { base } from "./base.js";
import { bootstrap } from "./bootstrap.js";
import { cache } from "./cache.js";
import { ci } from "./ci.js";
import { docker } from "./docker.js";
import { docs } from "./docs.js";
import type { Generator } from "./types.js";
import { web } from "./web.js";
import { worker } from "./worker.js";

export const GENERATORS: readonly Generator[] = [base, app, docs, docker, web, worker, cache, bootstrap, ci];
