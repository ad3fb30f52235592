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
    // Tasks come first where they are run by hand: the tables exist before the web tier starts.
    const { processes, tasks } = out.view.contributed;
    const develop = [...tasks, ...processes].map(({ dev }) => ({ command: `${dev.name.padEnd(14)} `, note: dev.note }));
    const commands = {
      fromSource: [...processes, ...tasks].map(({ dev }) => dev),
      compiled: [...processes, ...tasks].map(({ script }) => script),
    };
    out.file("README.md", { view: { ...out.view, settings, develop, commands } });
  },
} satisfies Component;
