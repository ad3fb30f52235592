/** scripts/bootstrap.sh: provisions the Fly resources the spec describes, idempotently, with --dry-run; --prune removes what it dropped. */
import type { Component } from "../component.js";
import type { ScaleStep } from "../contribution.js";

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

export const bootstrap = {
  component: "bootstrap",
  applies: () => true,
  generate(out) {
    const secrets = out.view.contributed.env.filter((variable) => variable.onFly === "secret");
    out.file("scripts/bootstrap.sh", {
      mode: 0o755,
      view: {
        ...out.view,
        secrets: secrets.map((variable) => variable.name),
        consumerApps: [...new Set(secrets.flatMap((variable) => variable.apps ?? []))],
        scaleGroups: scaleGroups(out.view.contributed.scaleSteps),
      },
    });
  },
} satisfies Component;
