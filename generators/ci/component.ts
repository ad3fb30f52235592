/** GitHub Actions: CI, deploy, Dependabot. */
import type { Component } from "../component.js";
import type { ciFacts } from "./facts.js";
import { ci as generator } from "./generator.js";

export const ci: Component<never, typeof ciFacts> = {
  name: "ci",
  generator,
};
