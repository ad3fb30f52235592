/**
 * The environments a spec describes, each as a whole spec: production is the spec itself, and each
 * entry of `environments` is production with that entry's overrides and apps of its own. Bootstrap,
 * the fly config and the estimate read environments through this one function.
 */
import type { Spec } from "../../src/spec/schema.js";
import { PRODUCTION } from "./options.js";

export interface Environment {
  readonly name: string;
  readonly spec: Spec;
}

export function environmentsOf(spec: Spec): readonly Environment[] {
  return [
    { name: PRODUCTION, spec },
    ...Object.entries(spec.environments).map(([name, overrides]) => ({
      name,
      spec: withOverrides(spec, name, overrides),
    })),
  ];
}

type Overrides = Spec["environments"][string];

/**
 * Production's spec with an environment's values. Its regions default to production's primary, and
 * its primary region to production's when that is one of its regions, else to its first.
 */
function withOverrides(spec: Spec, name: string, overrides: Overrides): Spec {
  const regions = overrides.regions ?? [spec.primaryRegion];
  const primaryRegion =
    overrides.primaryRegion ??
    (regions.includes(spec.primaryRegion) ? spec.primaryRegion : (regions[0] ?? spec.primaryRegion));
  return {
    ...spec,
    regions,
    primaryRegion,
    apps: environmentAppNames(spec.name, name),
    web: { ...spec.web, ...overrides.web },
    database: { ...spec.database, ...overrides.database },
    cache: { ...spec.cache, ...overrides.cache },
    worker: { ...spec.worker, ...overrides.worker },
    environments: {},
    previews: false,
  };
}

/** The environment previews build on: its Postgres, its Redis and its primary region. */
export const PREVIEW_BASE = "staging";

/**
 * The GitHub secret the preview workflow deploys with: an org token, because a preview's apps do not
 * exist before its pull request does, and a deploy token is scoped to one existing app.
 */
export const PREVIEW_TOKEN_SECRET = "FLY_API_TOKEN_PREVIEWS";

/** What stands for a pull request's number in the preview's committed files (fly.preview.toml). */
export const PR_NUMBER_PLACEHOLDER = "<number>";

/**
 * A pull request's preview as a whole spec: the staging environment's, cut to one Machine of the
 * smallest size in staging's primary region that stops when idle, whatever staging itself runs.
 * Its apps are `<name>-pr-<number>-web` (and -worker); its database and Redis are staging's.
 */
export function previewSpec(spec: Spec, number: string = PR_NUMBER_PLACEHOLDER): Spec | undefined {
  const staging = environmentsOf(spec).find((environment) => environment.name === PREVIEW_BASE)?.spec;
  if (!spec.previews || !staging) return undefined;
  const smallest = { cpuKind: "shared", cpus: 1, memoryMb: 256 } as const;
  const own = environmentAppNames(spec.name, `pr-${number}`);
  return {
    ...staging,
    regions: [staging.primaryRegion],
    apps: { ...staging.apps, web: own.web, worker: own.worker },
    web: { ...staging.web, machinesPerRegion: 1, minMachinesRunning: 0, vm: smallest },
    worker: { ...staging.worker, count: 1, vm: smallest },
    database: { ...staging.database, replicaRegions: [] },
    cache: { ...staging.cache, replicaRegions: [] },
    previews: false,
  };
}

/** `<name>-<env>-web` and so on: the environment's name inside, so an app sorts by project, then environment. */
export function environmentAppNames(project: string, environment: string) {
  const named = (role: string) => `${project}-${environment}-${role}`;
  return { web: named("web"), worker: named("worker"), db: named("db"), redis: named("redis") };
}

/** What an environment's GitHub secrets insert after FLY_API_TOKEN_: nothing for production, STAGING_ for staging. */
export function tokenKey(environment: string): string {
  return environment === PRODUCTION ? "" : `${environment.toUpperCase().replaceAll("-", "_")}_`;
}

/** An app's deploy-token secret in an environment: FLY_API_TOKEN_WEB → FLY_API_TOKEN_STAGING_WEB. */
export function tokenSecretOf(secret: string, environment: string): string {
  return secret.replace(/^FLY_API_TOKEN_/, `FLY_API_TOKEN_${tokenKey(environment)}`);
}
