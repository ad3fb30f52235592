/** The web tier: fly.toml, the server, fly-replay for writes. */
import type { Component } from "../component.js";
import { webCost } from "./cost.js";
import type { webFacts } from "./facts.js";
import { web as generator } from "./generator.js";
import { web as spec } from "./spec.js";

export const web: Component<typeof spec, typeof webFacts> = {
  name: "web",
  spec,
  cost: webCost,
  generator,
};
