/** The image for web and worker. */
import type { Component } from "../component.js";
import { docker as generator } from "./generator.js";

export const docker: Component<never, never> = {
  name: "docker",
  generator,
};
