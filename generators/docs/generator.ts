/** The generated repo's README: what was built, the architecture diagram, and how to run and deploy it. */
import type { Component } from "../component.js";

export const docs = {
  component: "docs",
  applies: () => true,
  generate(out) {
    const described = out.view.contributed.env.filter((variable) => variable.readme !== undefined);
    const settings = {
      connections: described.filter((variable) => variable.section === "connections"),
      operations: described.filter((variable) => variable.section === "operations"),
    };
    out.file("README.md", { view: { ...out.view, settings } });
  },
} satisfies Component;
