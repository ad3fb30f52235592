/** scripts/bootstrap.sh: provisions the Fly resources the spec describes, idempotently, with --dry-run. */
import type { Component } from "../component.js";
import { bootstrapFacts } from "./facts.js";

export const bootstrap = {
  component: "bootstrap",
  facts: bootstrapFacts,
  applies: () => true,
  generate(out) {
    const { database, cache, contributed } = out.view;
    const secrets = contributed.env.filter((variable) => variable.onFly === "secret");
    out.file("scripts/bootstrap.sh", {
      mode: 0o755,
      view: {
        ...out.view,
        // Whether bootstrap has checks to make before it creates anything (see its preflight).
        preflight: database.mpgPlanNeedsTerminal || cache.upstashPlan !== "",
        secrets: secrets.map((variable) => variable.name),
        consumerApps: [...new Set(secrets.flatMap((variable) => variable.apps ?? []))],
      },
    });
  },
} satisfies Component;
