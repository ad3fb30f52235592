/** The database as templates see it: its kind, its plan's quirks, its replicas, its pools. */

import type { Spec } from "../../src/spec/schema.js";
import { vmFacts } from "../base/vm.js";
import { POSTGRES_SUPPORT_NOTICE } from "./options.js";
import { poolBudget } from "./pool-budget.js";

export function databaseFacts(spec: Spec) {
  const database = spec.database;
  const enabled = database.kind !== "none";
  return {
    database: {
      ...database,
      vm: vmFacts(database.vm),
      enabled,
      isPostgres: database.kind === "postgres",
      isMpg: database.kind === "mpg",
      supportNotice: POSTGRES_SUPPORT_NOTICE,
      /** Three members in the primary region: what automatic failover needs. */
      canFailOver: database.primaryMembers >= 3,
      hasReplicas: database.replicaRegions.length > 0,
      /** The one database web and worker share; Postgres names take underscores, not dashes. */
      name: spec.name.replace(/-/g, "_"),
    },
    /** Postgres connections per pool, and the arithmetic behind it (README). */
    pools: enabled ? poolBudget(spec) : undefined,
  };
}
