/**
 * GitHub Actions: CI on every push and pull request, a deploy to Fly after CI passes on main, and
 * Dependabot to keep the pinned actions and the dependencies current.
 */
import type { Component } from "../component.js";
import { deployJobs, IMAGE_TAG_VARIABLE } from "./deploy-jobs.js";
import { ciFacts } from "./facts.js";

export const ci = {
  component: "ci",
  facts: ciFacts,
  applies: () => true,
  generate(out) {
    // The servers the app's tests take from the environment: the service containers' URLs.
    const servers = out.view.contributed.env.filter((variable) => variable.ci !== undefined);
    out.file(".github/workflows/ci.yml", { view: { ...out.view, servers } });
    out.file(".github/workflows/deploy.yml", {
      view: { ...out.view, deployJobs: deployJobs(out.view), imageTagVariable: IMAGE_TAG_VARIABLE },
    });
    out.file(".github/dependabot.yml");
  },
} satisfies Component;
