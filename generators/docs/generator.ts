/** The generated repo's README: what was built, the architecture diagram, and how to run and deploy it. */
import type { Component } from "../component.js";

export const docs = {
  component: "docs",
  applies: () => true,
  generate(out) {
    out.file("README.md");
  },
} satisfies Component;
