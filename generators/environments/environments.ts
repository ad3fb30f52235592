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
