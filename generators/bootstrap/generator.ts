/**
 * scripts/bootstrap.sh: provisions the Fly resources the spec describes, idempotently, with
 * --dry-run; --prune removes what it dropped. One script for every environment: what differs
 * between them is data (names, regions, counts, sizes), set in one `case` arm per environment, and
 * `--env <name>` picks the arm. scripts/teardown.sh destroys one environment again.
 */
import type { ComponentGenerator } from "../component.js";
import type { ScaleStep } from "../contribution.js";
import { PR_NUMBER_PLACEHOLDER, PREVIEW_BASE, PREVIEW_TOKEN_SECRET, tokenKey } from "../environments/environments.js";
import { PRODUCTION } from "../environments/options.js";
import type { View } from "../view.js";

/** The regions each app's process group has Machines in, by the scale steps: elsewhere, it has none. */
function scaleGroups(steps: readonly ScaleStep[]) {
  const groups = new Map<string, { app: string; group: string | undefined; regions: string[] }>();
  for (const { app, group, region } of steps) {
    const key = `${app}\0${group ?? ""}`;
    const found = groups.get(key) ?? { app, group, regions: [] };
    if (!found.regions.includes(region)) found.regions.push(region);
    groups.set(key, found);
  }
  return [...groups.values()];
}

/**
 * One environment's arm: its view, the apps that read its secrets, and its Machine counts as
 * words the script reads back (`app group region count`, `-` for flyctl's default group).
 */
function environmentArm(name: string, view: View) {
  const secrets = view.contributed.env.filter((variable) => variable.onFly === "secret");
  const group = (value: string | undefined) => value ?? "-";
  return {
    name,
    tokenKey: tokenKey(name),
    view,
    consumerApps: [...new Set(secrets.flatMap((variable) => variable.apps ?? []))],
    scaleSteps: view.contributed.scaleSteps.map((s) => `${s.app} ${group(s.group)} ${s.region} ${s.count}`),
    scaleGroups: scaleGroups(view.contributed.scaleSteps).map(
      (g) => `${g.app} ${group(g.group)} ${g.regions.join(" ")}`,
    ),
  };
}

/**
 * A pull request's preview, for preview_values: each app's variable with the parts of its name
 * around the number (`demo-pr-`, `-web`), and its Machine counts with the variable for the app.
 */
function previewArm(view: View) {
  const targets = view.contributed.deployTargets.map((target) => {
    const [prefix = "", suffix = ""] = target.app.split(PR_NUMBER_PLACEHOLDER);
    return { variable: target.variable, prefix, suffix };
  });
  const variableOf = (app: string) => {
    const target = view.contributed.deployTargets.find((candidate) => candidate.app === app);
    if (!target) throw new Error(`bootstrap.sh: the preview scales ${app}, which it does not deploy`);
    return target.variable;
  };
  const consumers = environmentArm(PREVIEW_BASE, view).consumerApps.map(variableOf);
  const number = "([1-9][0-9]{0,9})";
  const suffixes = targets.map((target) => target.suffix).join("|");
  return {
    base: PREVIEW_BASE,
    token: PREVIEW_TOKEN_SECRET,
    appPattern: `^${targets[0]?.prefix ?? ""}${number}(${suffixes})$`,
    databasePattern: `^${view.database.name}_pr_${number}$`,
    targets,
    consumers,
    scaleSteps: view.contributed.scaleSteps.map((step) => ({
      variable: variableOf(step.app),
      group: step.group ?? "-",
      region: step.region,
      count: step.count,
    })),
  };
}

export const bootstrap = {
  component: "bootstrap",
  applies: () => true,
  generate(out) {
    const secrets = out.view.contributed.env.filter((variable) => variable.onFly === "secret");
    const environments = [
      environmentArm(PRODUCTION, out.view),
      ...out.view.environmentViews.map(({ name, view }) => environmentArm(name, view)),
    ];
    const environmentNames = environments.map((environment) => environment.name);
    const preview = out.view.previewView && previewArm(out.view.previewView);
    out.file("scripts/bootstrap.sh", {
      mode: 0o755,
      view: {
        ...out.view,
        secrets: secrets.map((variable) => variable.name),
        environments,
        environmentNames,
        preview,
      },
    });
    // It sources bootstrap.sh for the environments' values and the helpers that read flyctl.
    out.file("scripts/teardown.sh", { mode: 0o755, view: { ...out.view, environmentNames, preview } });
  },
} satisfies ComponentGenerator;
