/** Redis: Upstash or a Redis app of our own, and cache-aside. */
import type { Component } from "../component.js";
import { cacheCost } from "./cost.js";
import type { cacheFacts } from "./facts.js";
import { cache as generator } from "./generator.js";
import { flags } from "./options.js";
import { cache as prompts } from "./prompts.js";
import { cache as spec } from "./spec.js";

export const cache: Component<typeof spec, typeof cacheFacts> = {
  name: "cache",
  flags,
  spec,
  prompts,
  cost: cacheCost,
  generator,
};
