/** The database on the command line: which Postgres, its plan or members, its read replicas. */
import type { OptionDef } from "../../src/cli/options.js";
import type { Region } from "../../src/spec/regions.js";

export const DATABASE_KINDS = ["postgres", "mpg", "none"] as const;
/** `fly mpg create --plan` (flyctl lower-cases it); only Managed Postgres has plans. */
export const MPG_PLANS = ["basic", "starter", "launch", "scale", "performance"] as const;
/** Fly Postgres members in the primary region: 3 for automatic failover, 1 for cheap setups. */
export const POSTGRES_MEMBERS = [1, 3] as const;

export const DATABASE_DEFAULTS = { kind: "postgres", mpgPlan: "basic", primaryMembers: 3 } as const;

/** flyctl's own words (internal/command/postgres/postgres.go@v0.4.87), printed by every `fly postgres` command. */
export const POSTGRES_SUPPORT_NOTICE =
  "Unmanaged Fly Postgres is not supported by Fly.io Support and users are responsible for operations, management, and disaster recovery.";

/** Managed Postgres runs in fewer regions than Machines do (fly-platform.md §4). */
export const MPG_REGIONS: readonly Region[] = [
  "ams",
  "fra",
  "gru",
  "iad",
  "lax",
  "lhr",
  "nrt",
  "ord",
  "sin",
  "sjc",
  "syd",
  "yyz",
];

export const flags: readonly OptionDef[] = [
  {
    name: "database",
    type: "string",
    value: `<${DATABASE_KINDS.join("|")}>`,
    help: `Fly Postgres with replicas, Managed Postgres, or none (default: ${DATABASE_DEFAULTS.kind})`,
    specPath: ["database", "kind"],
    choices: DATABASE_KINDS,
    required: true,
  },
  {
    name: "mpg-plan",
    type: "string",
    value: `<${MPG_PLANS.join("|")}>`,
    help: `the Managed Postgres plan, with --database mpg (default: ${DATABASE_DEFAULTS.mpgPlan})`,
    specPath: ["database", "mpgPlan"],
    choices: MPG_PLANS,
    onlyWith: { flag: "database", value: "mpg", because: "only Managed Postgres has plans" },
  },
  {
    name: "postgres-members",
    type: "string",
    value: `<${POSTGRES_MEMBERS.join("|")}>`,
    help: `Fly Postgres members in the primary region: 3 can fail over, 1 is cheaper (default: ${DATABASE_DEFAULTS.primaryMembers})`,
    specPath: ["database", "primaryMembers"],
    integer: true,
    choices: POSTGRES_MEMBERS,
  },
  {
    name: "replica-regions",
    type: "string",
    value: "<a,b>",
    help: "Postgres read replicas, or none (default: the first region after the primary)",
    specPath: ["database", "replicaRegions"],
    list: true,
  },
];
