/** Object storage: a Tigris bucket, its S3 client and the file API. */
import type { Component } from "../component.js";
import { storageCost } from "./cost.js";
import type { storageFacts } from "./facts.js";
import { storage as generator } from "./generator.js";
import { flags } from "./options.js";
import { storage as prompts } from "./prompts.js";
import { storage as spec } from "./spec.js";

export const storage: Component<typeof spec, typeof storageFacts> = {
  name: "storage",
  flags,
  spec,
  prompts,
  cost: storageCost,
  generator,
};
