/** The generated repo's README: what was built, the architecture diagram, and how to run and deploy it. */
import type { Spec } from "../../src/spec/schema.js";
import { specSections } from "../../src/spec/schema.js";
import type { Component } from "../component.js";
import { type CostEstimate, estimateCost } from "../cost/estimate.js";
import { usd } from "../cost/lines.js";
import { costMarkdownLines } from "../cost/render.js";
import { configOf } from "../environments/configs.js";
import { environmentsOf, tokenSecretOf } from "../environments/environments.js";
import { PRODUCTION } from "../environments/options.js";
import type { View } from "../view.js";
import { docsFacts } from "./facts.js";

/**
 * With environments besides production, a row for each: its apps, regions, monthly estimate and
 * deploy-token secrets. None without: the README then has no section on them.
 */
function environmentRows(spec: Spec, view: View, estimate: CostEstimate) {
  if (view.environmentViews.length === 0) return [];
  const views = new Map(view.environmentViews.map((env) => [env.name, env.view]));
  const totals = new Map(estimate.environments.map((total) => [total.name, total]));
  return environmentsOf(spec).map(({ name, spec: env }) => {
    const own = views.get(name) ?? view;
    const total = totals.get(name);
    return {
      name,
      flags: name === PRODUCTION ? "" : ` --env ${name}`,
      apps: specSections.flatMap((section) => section.flyApps?.(env) ?? []).map((app) => `\`${app}\``),
      regions: env.regions.join(", "),
      cost: total ? `${usd(total.totalUsd)} to ${usd(total.maxTotalUsd)}` : "",
      tokens: own.contributed.deployTargets.map((target) => ({
        app: target.app,
        secret: tokenSecretOf(target.tokenSecret, name),
        config: configOf(target.config, name),
      })),
    };
  });
}

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
    const environments = environmentRows(out.spec, out.view, estimate);
    // Every secret deploy.yml reads: production's, then each environment's.
    const deploySecrets =
      environments.length === 0
        ? out.view.contributed.deployTargets.map(({ app, tokenSecret }) => ({ app, secret: tokenSecret }))
        : environments.flatMap((environment) => environment.tokens);
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
        environments,
        deploySecrets,
      },
    });
  },
} satisfies Component;
