/** The generated repo's README: what was built, the architecture diagram, and how to run and deploy it. */
import type { Component } from "../component.js";
import { estimateCost } from "../cost/estimate.js";
import { costMarkdownLines } from "../cost/render.js";
import { docsFacts } from "./facts.js";

export const docs = {
  component: "docs",
  facts: docsFacts,
  applies: () => true,
  generate(out) {
    const { env, processes, tasks, localServers } = out.view.contributed;
    const described = env.filter((variable) => variable.readme !== undefined);
    const settings = {
      connections: described.filter((variable) => variable.section === "connections"),
      operations: described.filter((variable) => variable.section === "operations"),
    };
    const testServers = env.filter((variable) => variable.ci !== undefined);
    // test/env.ts takes the servers from the shell and fixes the rest.
    const fixedInTests = [
      "PRIMARY_REGION",
      "FLY_REGION",
      ...settings.connections.filter((v) => !v.ci).map((v) => v.name),
    ];
    // Tasks come first where they are run by hand: the tables exist before the web tier starts.
    const develop = [...tasks, ...processes].map(({ dev }) => ({ command: `${dev.name.padEnd(14)} `, note: dev.note }));
    const commands = {
      fromSource: [...processes, ...tasks].map(({ dev }) => dev),
      compiled: [...processes, ...tasks].map(({ script }) => script),
    };
    const estimate = estimateCost(out.spec);
    out.file("README.md", {
      view: {
        ...out.view,
        needs: [`Node ${out.view.nodeMajor}`, ...localServers],
        settings,
        testServers,
        fixedInTests: fixedInTests.map((name) => `\`${name}\``),
        develop,
        commands,
        cost: costMarkdownLines(estimate),
        costEnvironments: estimate.environments.length > 1 ? estimate.environments.map(({ name }) => name) : undefined,
      },
    });
  },
} satisfies Component;
