/**
 * The jobs of deploy.yml. With production alone: one job per app, each building its image on Fly's
 * builders. With environments: one job builds the image once and pushes it to production's web app
 * in Fly's registry; then each environment, staging first and production last, deploys that same
 * image, one job per app, each in the GitHub environment of its name, so that required reviewers
 * can gate production. Every job deploys with the token of its own app in its own environment.
 */
import { configOf } from "../environments/configs.js";
import { tokenSecretOf } from "../environments/environments.js";
import { PRODUCTION } from "../environments/options.js";
import type { View } from "../view.js";

export interface DeployJob {
  id: string;
  name: string;
  /** The job before it; the first job instead waits for a passing CI run of a push. */
  needs: string | undefined;
  /** The GitHub environment, with environments only. */
  environment: string | undefined;
  /** Whether its app's release_command migrates the database first. */
  migrates: boolean;
  run: string;
  tokenSecret: string;
  /** The expression of that secret, as the job's FLY_API_TOKEN. */
  token: string;
}

/** The tag of the one image, set in the workflow's env: the commit CI tested. */
export const IMAGE_TAG_VARIABLE = "IMAGE_TAG";

export function deployJobs(view: View): DeployJob[] {
  const targets = view.contributed.deployTargets;
  const chained = (jobs: Omit<DeployJob, "needs" | "token">[]) =>
    jobs.map((job, index) => ({
      ...job,
      needs: jobs[index - 1]?.id,
      token: `\${{ secrets.${job.tokenSecret} }}`,
    }));
  if (view.environmentViews.length === 0) {
    return chained(
      targets.map((target) => ({
        id: target.key,
        name: `Deploy ${target.app}`,
        environment: undefined,
        migrates: target.key === "web" && view.database.enabled,
        run: `flyctl deploy --remote-only -c ${target.config}`,
        tokenSecret: target.tokenSecret,
      })),
    );
  }
  const web = targets[0];
  if (!web) throw new Error("deploy.yml: no app to deploy");
  const image = `registry.fly.io/${web.app}:$${IMAGE_TAG_VARIABLE}`;
  const environments = [
    ...view.environmentViews.map(({ name, view: own }) => ({ name, own })),
    { name: PRODUCTION, own: view },
  ];
  return chained([
    {
      id: "build",
      name: `Build the image once, into ${web.app}'s repository`,
      environment: undefined,
      migrates: false,
      run: `flyctl deploy --build-only --push --remote-only -c ${web.config} --image-label "$${IMAGE_TAG_VARIABLE}"`,
      tokenSecret: web.tokenSecret,
    },
    ...environments.flatMap(({ name, own }) =>
      own.contributed.deployTargets.map((target) => ({
        id: `${name}-${target.key}`,
        name: `Deploy ${target.app}`,
        environment: name,
        migrates: target.key === "web" && own.database.enabled,
        run: `flyctl deploy -c ${configOf(target.config, name)} --image "${image}"`,
        tokenSecret: tokenSecretOf(target.tokenSecret, name),
      })),
    ),
  ]);
}
