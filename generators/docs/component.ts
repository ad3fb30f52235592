/** The README. */
import type { Component } from "../component.js";
import type { docsFacts } from "./facts.js";
import { docs as generator } from "./generator.js";

export const docs: Component<never, typeof docsFacts> = {
  name: "docs",
  generator,
};
