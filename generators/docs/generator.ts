/** The generated repo's README: what was built, the architecture diagram, and how to run and deploy it. */
import type { Spec } from "../../src/spec/schema.js";
import { vmSizeName } from "../base/vm.js";
import type { ComponentGenerator } from "../component.js";
import { type CostEstimate, estimateCost } from "../cost/estimate.js";
import { machineMonthlyUsd, sumUsd, usd } from "../cost/lines.js";
import { costMarkdownLines } from "../cost/render.js";
import { configOf } from "../environments/configs.js";
import { environmentsOf, PREVIEW_BASE, PREVIEW_TOKEN_SECRET, tokenSecretOf } from "../environments/environments.js";
import { PREVIEW_CONFIG, PRODUCTION } from "../environments/options.js";
import { SPEC_SECTIONS } from "../index.js";
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
      apps: SPEC_SECTIONS.flatMap((section) => section.flyApps?.(env) ?? []).map((app) => `\`${app}\``),
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

/**
 * With previews: what each pull request's preview runs, and what it costs a month: its worker's
 * Machine runs all along, its web Machine stops when idle, so from the one to both; its data is
 * staging's, priced with staging.
 */
function previewFacts(view: View) {
  const preview = view.previewView;
  if (!preview) return undefined;
  const targets = preview.contributed.deployTargets;
  const unitUsd = machineMonthlyUsd(preview.web.vm, preview.primaryRegion);
  return {
    base: PREVIEW_BASE,
    token: PREVIEW_TOKEN_SECRET,
    apps: targets.map((target) => `\`${target.app}\``),
    configs: targets.map((target) => `\`${configOf(target.config, PREVIEW_CONFIG)}\``),
    vm: `${vmSizeName(preview.web.vm)} ${preview.web.vm.memoryMb} MB`,
    region: preview.primaryRegion,
    database: `${preview.database.name}_pr_<number>`,
    unit: usd(unitUsd),
    worker: preview.worker.enabled,
    least: usd(preview.worker.enabled ? unitUsd : 0),
    most: usd(sumUsd([unitUsd, ...(preview.worker.enabled ? [unitUsd] : [])])),
  };
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
        preview: previewFacts(out.view),
      },
    });
  },
} satisfies ComponentGenerator;
