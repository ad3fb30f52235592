/** Environments besides production, and pull-request previews: flags, spec and prompts; each component writes its own files per environment. */
import type { Component } from "../component.js";
import { flags } from "./options.js";
import { environments as prompts } from "./prompts.js";
import { environments as spec } from "./spec.js";

export const environments: Component<typeof spec, never> = {
  name: "environments",
  flags,
  spec,
  prompts,
};
