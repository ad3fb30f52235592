/** What the workflows need: how to install the package manager, what Dependabot watches, the pinned actions. */
import type { Spec } from "../../src/spec/schema.js";
import { ACTIONS } from "./actions.js";

export function ciFacts(spec: Spec) {
  const packageManager = spec.packageManager;
  return {
    ci: {
      corepack: packageManager === "pnpm" || packageManager === "yarn",
      bun: packageManager === "bun",
      // setup-node caches npm, pnpm and yarn stores; bun keeps its own.
      nodeCache: packageManager === "bun" ? undefined : packageManager,
    },
    // Dependabot's npm ecosystem covers npm, pnpm and yarn lockfiles; bun.lock has its own.
    dependabot: { ecosystem: packageManager === "bun" ? "bun" : "npm" },
    actions: ACTIONS,
  };
}
