/**
 * scripts/bootstrap.sh: provisions the Fly resources the spec describes, idempotently, with
 * --dry-run; --prune removes what it dropped. One script for every environment: what differs
 * between them is data (names, regions, counts, sizes), set in one `case` arm per environment, and
 * `--env <name>` picks the arm. scripts/teardown.sh destroys one environment again.
 */
import type { Component } from "../component.js";
import type { ScaleStep } from "../contribution.js";
import { tokenKey } from "../environments/environments.js";
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
    out.file("scripts/bootstrap.sh", {
      mode: 0o755,
      view: { ...out.view, secrets: secrets.map((variable) => variable.name), environments, environmentNames },
    });
    // It sources bootstrap.sh for the environments' values and the helpers that read flyctl.
    out.file("scripts/teardown.sh", { mode: 0o755, view: { ...out.view, environmentNames } });
  },
} satisfies Component;
