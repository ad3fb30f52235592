/**
 * GitHub Actions: CI on every push and pull request, a deploy to Fly after CI passes on main, and
 * Dependabot to keep the pinned actions and the dependencies current.
 */
import type { Generator } from "./types.js";

export const ci: Generator = {
  component: "ci",
  applies: () => true,
  generate(out) {
    out.file(".github/workflows/ci.yml", { template: "ci.yml.hbs" });
    out.file(".github/workflows/deploy.yml", { template: "deploy.yml.hbs" });
    out.file(".github/dependabot.yml", { template: "dependabot.yml.hbs" });
  },
};
