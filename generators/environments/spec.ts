/**
 * Environments besides production (staging, qa): each a name and the values it sets instead of
 * production's, the rest taken from production. What an environment leaves out is the cheap choice,
 * not production's: one region (production's primary), one Machine that may stop, no replicas, one
 * Postgres member, the smallest plan, volume and Machine size.
 */
import * as z from "zod/mini";
import { dnsLabel, FLY_APP_NAME_MAX, region, replicaRegions, vmSchema } from "../../src/spec/fields.js";
import type { Spec } from "../../src/spec/schema.js";
import type { AddIssue, SpecSection } from "../../src/spec/section.js";
import { appNames, BASE_FIELDS, usedApps } from "../base/spec.js";
import { MPG_PLANS } from "../database/options.js";
import { DATABASE_FIELDS } from "../database/spec.js";
import { WEB_FIELDS } from "../web/spec.js";
import { WORKER_FIELDS } from "../worker/spec.js";
import { environmentsOf, PREVIEW_BASE, previewSpec } from "./environments.js";
import { PREVIEW_CONFIG, PRODUCTION } from "./options.js";

/** shared-cpu-1x with 256 MB: Fly's smallest Machine, what flyctl's "Development" Postgres preset uses. */
const SMALLEST_MB = 256;

const name = dnsLabel(FLY_APP_NAME_MAX).check(
  z.refine((value) => value !== PRODUCTION, {
    error: `"${PRODUCTION}" is the spec's top level, not an entry of environments; name the others (e.g. "staging")`,
  }),
  // Its web config would be fly.worker.toml, the worker app's production config (configs.ts).
  z.refine((value) => value !== "worker", {
    error: `"worker" would name its web app's config fly.worker.toml, the worker app's; choose another name`,
  }),
  // Refused with previews off too, so that turning them on later renames nothing.
  z.refine((value) => value !== PREVIEW_CONFIG, {
    error: `"${PREVIEW_CONFIG}" would name its config fly.${PREVIEW_CONFIG}.toml, the pull-request previews'; choose another name`,
  }),
  z.refine((value) => !/^pr-\d+$/.test(value), {
    error: "pr-<number> names the apps of a pull request's preview (<name>-pr-<number>-web); choose another name",
  }),
);

const environment = z.strictObject({
  regions: z.optional(BASE_FIELDS.regions),
  primaryRegion: z.optional(region),
  web: z.prefault(
    z.strictObject({
      machinesPerRegion: z._default(WEB_FIELDS.machinesPerRegion, 1),
      minMachinesRunning: z._default(WEB_FIELDS.minMachinesRunning, 0),
      vm: vmSchema(SMALLEST_MB),
    }),
    {},
  ),
  database: z.prefault(
    z.strictObject({
      replicaRegions: replicaRegions(),
      mpgPlan: z._default(DATABASE_FIELDS.mpgPlan, MPG_PLANS[0]),
      primaryMembers: z._default(DATABASE_FIELDS.primaryMembers, 1),
      volumeSizeGb: z._default(DATABASE_FIELDS.volumeSizeGb, 1),
      vm: vmSchema(SMALLEST_MB),
    }),
    {},
  ),
  cache: z.prefault(z.strictObject({ replicaRegions: replicaRegions(), vm: vmSchema(SMALLEST_MB) }), {}),
  worker: z.prefault(z.strictObject({ count: z._default(WORKER_FIELDS.count, 1), vm: vmSchema(SMALLEST_MB) }), {}),
});

const fields = {
  environments: z._default(z.record(name, environment), {}),
  previews: z._default(z.boolean(), false),
};

export const environments: SpecSection<typeof fields> = {
  fields,
  rules(spec, add) {
    if (spec.previews) checkPreviews(spec, add);
    if (Object.keys(spec.environments).length > 0) checkNames(spec, add);
  },
  summary: (spec) => {
    const preview = previewSpec(spec);
    return [
      ...environmentsOf(spec)
        .slice(1)
        .map(({ name, spec: env }): [string, string] => [
          name,
          `${appNames(env).web} in ${env.regions.join(", ")}; ${env.web.machinesPerRegion} Machine(s) per region`,
        ]),
      ...(preview
        ? [
            ["previews", `${appNames(preview).web} in ${preview.primaryRegion} for each pull request`] as [
              string,
              string,
            ],
          ]
        : []),
    ];
  },
  // .github/workflows/preview.yml; the previews' fly configs are copies, known by their names.
  fileExamples: [{ name: "paths", environments: { [PREVIEW_BASE]: {} }, previews: true }],
  variants: (spec) =>
    environmentsOf(spec)
      .slice(1)
      .map(({ name, spec: env }) => ({ path: ["environments", name], spec: env })),
};

/**
 * A preview builds on staging: its own database on staging's Fly Postgres, dropped on close, and a
 * key prefix of its own on staging's Upstash Redis, whose URL `fly redis status` prints. What
 * cannot do either is refused, saying why.
 */
function checkPreviews(spec: Spec, add: AddIssue): void {
  if (!(PREVIEW_BASE in spec.environments)) {
    add(
      ["previews"],
      true,
      `previews build on the ${PREVIEW_BASE} environment, which the spec does not have: add "environments": { "${PREVIEW_BASE}": {} } (or --environments ${PREVIEW_BASE})`,
    );
  }
  if (spec.database.kind === "mpg") {
    add(
      ["previews"],
      true,
      `previews need a database of their own that goes when the pull request closes, and flyctl cannot drop a Managed Postgres database (fly mpg databases has list and create only); use database "postgres" or "none", or no previews`,
    );
  }
  if (spec.cache.kind === "redis-app") {
    add(
      ["previews"],
      true,
      `previews share ${PREVIEW_BASE}'s Redis, and the password of a Redis app of our own cannot be read back to give them; use cache "upstash" or "none", or no previews`,
    );
  }
}

/**
 * An environment's name goes into its app names, which Fly caps at 63 characters and which must
 * not be the name of an app of another environment (production's may be given in `apps`).
 */
function checkNames(spec: Spec, add: AddIssue): void {
  const owners = new Map<string, string>();
  for (const { name, spec: env } of environmentsOf(spec)) {
    const apps = usedApps(env).map(([key]) => [key, appNames(env)[key]] as const);
    const longest = apps.reduce((a, b) => (b[1].length > a[1].length ? b : a));
    const clash = apps.find(([, app]) => owners.has(app));
    if (longest[1].length > FLY_APP_NAME_MAX) {
      const room = FLY_APP_NAME_MAX - (longest[1].length - name.length);
      add(
        ["environments", name],
        name,
        `"${name}" makes the app name "${longest[1]}" ${longest[1].length} characters long; Fly allows ${FLY_APP_NAME_MAX}, so this project's environment names may have at most ${room}`,
      );
    } else if (clash) {
      add(
        ["environments", name],
        name,
        `"${name}" names its ${clash[0]} app "${clash[1]}", already the name of an app of ${owners.get(clash[1])}; rename the environment or that app`,
      );
    }
    for (const [, app] of apps) owners.set(app, name);
  }
}
