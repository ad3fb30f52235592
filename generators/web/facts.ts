/** The web tier as templates see it, and the apps CI deploys. */
import { appNames, type Spec } from "../../src/spec/schema.js";
import { vmFacts } from "../base/vm.js";

/** One Fly app that CI deploys, in deploy order, with the GitHub secret holding its deploy token. */
export interface DeployTarget {
  key: "web" | "worker";
  app: string;
  config: string;
  tokenSecret: string;
  /** The workflow expression that reads the token: `${{ secrets.NAME }}`. */
  tokenExpression: string;
  /** The job this one waits for. */
  needs: string | undefined;
}

/**
 * Web deploys first, because its release_command migrates the database the worker reads. The
 * Redis app is not deployed from CI: a rolling replace of its only Machine would drop the cache.
 */
function deployTargets(spec: Spec): DeployTarget[] {
  const apps = appNames(spec);
  const targets: DeployTarget[] = [
    { key: "web", app: apps.web, config: "fly.toml", needs: undefined, ...token("FLY_API_TOKEN_WEB") },
  ];
  if (spec.worker.kind === "app") {
    targets.push({
      key: "worker",
      app: apps.worker,
      config: "fly.worker.toml",
      needs: "web",
      ...token("FLY_API_TOKEN_WORKER"),
    });
  }
  return targets;
}

function token(secret: string) {
  return { tokenSecret: secret, tokenExpression: `\${{ secrets.${secret} }}` };
}

export function webFacts(spec: Spec) {
  return { web: { ...spec.web, vm: vmFacts(spec.web.vm) }, deployTargets: deployTargets(spec) };
}
