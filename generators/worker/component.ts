/** The worker and its job queue. */
import type { Component } from "../component.js";
import { workerCost } from "./cost.js";
import type { workerFacts } from "./facts.js";
import { worker as generator } from "./generator.js";
import { flags } from "./options.js";
import { worker as prompts } from "./prompts.js";
import { worker as spec } from "./spec.js";

export const worker: Component<typeof spec, typeof workerFacts> = {
  name: "worker",
  flags,
  spec,
  prompts,
  cost: workerCost,
  generator,
};
