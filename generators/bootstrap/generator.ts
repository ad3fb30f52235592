/** scripts/bootstrap.sh: provisions the Fly resources the spec describes, idempotently, with --dry-run. */
import type { Component } from "../component.js";
import { bootstrapFacts } from "./facts.js";

export const bootstrap = {
  component: "bootstrap",
  facts: bootstrapFacts,
  applies: () => true,
  generate(out) {
    const { database, cache } = out.view;
    out.file("scripts/bootstrap.sh", {
      mode: 0o755,
      // Whether bootstrap has checks to make before it creates anything (see its preflight).
      view: { ...out.view, preflight: database.mpgPlanNeedsTerminal || cache.upstashPlan !== "" },
    });
  },
} satisfies Component;
