/**
 * GitHub Actions: CI on every push and pull request, a deploy to Fly after CI passes on main, a
 * preview of each pull request when the spec has previews, and Dependabot to keep the pinned
 * actions and the dependencies current.
 */
import type { ComponentGenerator } from "../component.js";
import { PR_NUMBER_PLACEHOLDER, PREVIEW_BASE, PREVIEW_TOKEN_SECRET } from "../environments/environments.js";
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
    const preview = out.view.previewView;
    if (preview) {
      out.file(".github/workflows/preview.yml", {
        view: {
          ...out.view,
          previewBase: PREVIEW_BASE,
          previewToken: `\${{ secrets.${PREVIEW_TOKEN_SECRET} }}`,
          // The preview's web app, its number from the event.
          previewUrl: `https://${preview.apps.web.replace(PR_NUMBER_PLACEHOLDER, `\${{ github.event.pull_request.number }}`)}.fly.dev`,
        },
      });
    }
    out.file(".github/dependabot.yml");
  },
} satisfies ComponentGenerator;
