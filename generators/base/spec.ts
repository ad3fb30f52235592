/**
 * The project's own fields: its name, Fly organization, regions and primary region, the names of
 * its Fly apps, and the package manager. The primary region defaults to the first region.
 */
import * as z from "zod/mini";
import { dnsLabel, FLY_APP_NAME_MAX, oneOf, region } from "../../src/spec/fields.js";
import { duplicates } from "../../src/spec/rules.js";
import type { Spec } from "../../src/spec/schema.js";
import type { AddIssue, SpecSection } from "../../src/spec/section.js";
import { DEFAULT_ORG, DEFAULT_REGIONS, NAME_MAX, PACKAGE_MANAGERS } from "./options.js";

const appName = z.optional(dnsLabel(FLY_APP_NAME_MAX));

/** The fields an environment may set as well (generators/environments/spec.ts): one rule for both. */
export const BASE_FIELDS = {
  regions: z.array(region).check(z.minLength(1, { error: "at least one region is required" })),
};

const fields = {
  name: dnsLabel(NAME_MAX),
  org: z._default(dnsLabel(FLY_APP_NAME_MAX), DEFAULT_ORG),
  primaryRegion: region,
  regions: BASE_FIELDS.regions,
  apps: z.optional(z.strictObject({ web: appName, worker: appName, db: appName, redis: appName })),
};

const trailingFields = {
  packageManager: z._default(oneOf(PACKAGE_MANAGERS), "npm"),
};

export const base: SpecSection<typeof fields, typeof trailingFields> = {
  fields,
  trailingFields,
  derive(answers) {
    const regions = answers.regions ?? [...DEFAULT_REGIONS];
    const primaryRegion = answers.primaryRegion ?? (Array.isArray(regions) ? regions[0] : undefined);
    return { ...answers, regions, primaryRegion };
  },
  rules(spec, add) {
    for (const i of duplicates(spec.regions))
      add(["regions", i], spec.regions[i], `"${spec.regions[i]}" is listed twice`);
    if (!spec.regions.includes(spec.primaryRegion)) {
      add(
        ["primaryRegion"],
        spec.primaryRegion,
        `"${spec.primaryRegion}" is not one of the regions (${spec.regions.join(", ")}); the primary must be one of them`,
      );
    }
    checkAppNames(spec, add);
  },
  fileChoices: [{ path: ["packageManager"], values: PACKAGE_MANAGERS }],
  summary: (spec) => [["org", spec.org]],
};

/**
 * Every Fly app, Postgres cluster and Redis the spec provisions needs a name of its own: two of
 * them under one name would deploy both configurations to one app (or attach the wrong database).
 * Only what the spec uses counts (a worker's name does not matter when the worker is a process
 * group). Reported where a name was given in `apps`: a derived name cannot clash with another.
 */
function checkAppNames(spec: Spec, add: AddIssue): void {
  const names = appNames(spec);
  const used = usedApps(spec);
  const given = (key: AppKey) => spec.apps?.[key] !== undefined;
  const source = (key: AppKey) => (given(key) ? `apps.${key}` : `derived from name "${spec.name}"`);
  used.forEach(([key, what], i) => {
    const earlier = used.slice(0, i).find(([other]) => names[other] === names[key]);
    if (!earlier) return;
    const [at, [other, otherWhat]] = given(key) ? [key, earlier] : [earlier[0], [key, what] as const];
    add(
      ["apps", at],
      names[key],
      `"${names[key]}" is also the name of ${otherWhat} (${source(other)}); each Fly app, database and Redis needs a name of its own`,
    );
  });
}

type AppKey = keyof ReturnType<typeof appNames>;

/** The names the spec uses, each with what it names: a worker process group or no cache needs none. */
export function usedApps(spec: Pick<Spec, "worker" | "database" | "cache">): [AppKey, string][] {
  const used: [AppKey, string][] = [["web", "the web app"]];
  if (spec.worker.kind === "app") used.push(["worker", "the worker app"]);
  if (spec.database.kind !== "none") used.push(["db", "the database"]);
  if (spec.cache.kind !== "none") used.push(["redis", "the Redis"]);
  return used;
}

/** The Fly app names a spec provisions, derived from `name` unless `apps` overrides them. */
export function appNames(spec: Pick<Spec, "name" | "apps">) {
  return {
    web: spec.apps?.web ?? `${spec.name}-web`,
    worker: spec.apps?.worker ?? `${spec.name}-worker`,
    db: spec.apps?.db ?? `${spec.name}-db`,
    redis: spec.apps?.redis ?? `${spec.name}-redis`,
  };
}
