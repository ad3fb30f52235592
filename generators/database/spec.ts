/**
 * The database: Fly Postgres (a primary with read replicas in other regions), Managed Postgres (one
 * region, no cross-region replicas) or none. One read replica goes to the first region after the
 * primary unless the answers say otherwise.
 */
import * as z from "zod/mini";
import { intIn, numberIn, oneOf, replicaRegions, vmSchema } from "../../src/spec/fields.js";
import type { Region } from "../../src/spec/regions.js";
import { checkReplicaRegions, checkVm } from "../../src/spec/rules.js";
import { type SpecSection, sectionCopy } from "../../src/spec/section.js";
import { appNames } from "../base/spec.js";
import { DATABASE_DEFAULTS, DATABASE_KINDS, MPG_PLANS, MPG_REGIONS, POSTGRES_MEMBERS } from "./options.js";

/** The fields an environment may set as well (generators/environments/spec.ts): one rule for both. */
export const DATABASE_FIELDS = {
  volumeSizeGb: intIn(1, 500),
  mpgPlan: oneOf(MPG_PLANS),
  primaryMembers: numberIn(POSTGRES_MEMBERS),
};

const fields = {
  database: z.prefault(
    z.strictObject({
      kind: z._default(oneOf(DATABASE_KINDS), DATABASE_DEFAULTS.kind),
      replicaRegions: replicaRegions(),
      volumeSizeGb: z._default(DATABASE_FIELDS.volumeSizeGb, 10),
      mpgPlan: z._default(DATABASE_FIELDS.mpgPlan, DATABASE_DEFAULTS.mpgPlan),
      primaryMembers: z._default(DATABASE_FIELDS.primaryMembers, DATABASE_DEFAULTS.primaryMembers),
      vm: vmSchema(1024),
    }),
    {},
  ),
};

/** One read replica, in the first region after the primary: the seed's iad → lhr. */
export function defaultReplicaRegions(regions: readonly Region[], primary: Region | undefined): Region[] {
  const next = regions.find((r) => r !== primary);
  return next ? [next] : [];
}

export const database: SpecSection<typeof fields> = {
  fields,
  derive(answers) {
    const database = sectionCopy(answers.database);
    if (!database) return answers;
    database.kind ??= DATABASE_DEFAULTS.kind;
    if (database.replicaRegions === undefined && database.kind === "postgres" && Array.isArray(answers.regions)) {
      database.replicaRegions = defaultReplicaRegions(answers.regions, answers.primaryRegion);
    }
    return { ...answers, database };
  },
  rules(spec, add) {
    const db = spec.database;
    if (db.kind === "none" && db.replicaRegions.length > 0) {
      add(
        ["database", "replicaRegions"],
        db.replicaRegions,
        `read replicas (${db.replicaRegions.join(", ")}) need a database; database is "none"`,
      );
    } else if (db.kind === "mpg" && db.replicaRegions.length > 0) {
      add(
        ["database", "replicaRegions"],
        db.replicaRegions,
        `Managed Postgres ("mpg") has no cross-region read replicas (${db.replicaRegions.join(", ")}); use database "postgres" for replicas, or no replica regions`,
      );
    } else {
      checkReplicaRegions(add, ["database", "replicaRegions"], db.replicaRegions, spec.regions, spec.primaryRegion);
    }
    if (db.kind === "mpg" && !MPG_REGIONS.includes(spec.primaryRegion)) {
      add(
        ["primaryRegion"],
        spec.primaryRegion,
        `Managed Postgres ("mpg") is not offered in "${spec.primaryRegion}"; its regions: ${MPG_REGIONS.join(", ")}`,
      );
    }
    checkVm(add, "database", db.vm);
  },
  fileChoices: [{ path: ["database", "kind"], values: DATABASE_KINDS }],
  summary(spec) {
    const db = spec.database;
    const app = appNames(spec).db;
    if (db.kind === "mpg") return [["database", `${app}: Managed Postgres in ${spec.primaryRegion}`]];
    if (db.kind === "none") return [["database", "none"]];
    const replicas = db.replicaRegions.length
      ? `, read replicas in ${db.replicaRegions.join(", ")}`
      : ", no read replicas";
    const members = db.primaryMembers >= 3 ? `${db.primaryMembers} members` : "1 member (no failover)";
    return [["database", `${app}: Fly Postgres (unmanaged), ${members} in ${spec.primaryRegion}${replicas}`]];
  },
  // Managed Postgres is no app of ours.
  flyApps: (spec) => (spec.database.kind === "postgres" ? [appNames(spec).db] : []),
};
