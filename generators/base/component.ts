/** The project itself: its name, organization, regions and package manager; package.json, TypeScript and the shared libraries (config, logs, shutdown, metrics). */
import type { Component } from "../component.js";
import type { baseFacts } from "./facts.js";
import { base as generator } from "./generator.js";
import { flags } from "./options.js";
import { base as prompts } from "./prompts.js";
import { base as spec } from "./spec.js";

export const base: Component<typeof spec, typeof baseFacts> = {
  name: "base",
  flags,
  spec,
  prompts,
  generator,
};
