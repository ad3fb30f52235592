/**
 * The flags of `create-fly-ref-arch`: one table drives the parser, --help, and the mapping from
 * a problem in the spec back to the flag that set it.
 */
import {
  CACHE_KINDS,
  DATABASE_KINDS,
  MPG_PLANS,
  PACKAGE_MANAGERS,
  POSTGRES_MEMBERS,
  QUEUE_KINDS,
  UPSTASH_PLANS,
  WORKER_KINDS,
} from "../spec/choices.js";

export interface OptionDef {
  name: string;
  short?: string;
  type: "string" | "boolean";
  /** Placeholder in --help, e.g. "<a,b,c>". */
  value?: string;
  help: string;
  /** The spec field the flag sets; list flags split on commas. */
  specPath?: readonly string[];
  list?: boolean;
  /** A whole number in the spec: digits are passed as a number, anything else as given. */
  integer?: boolean;
  choices?: readonly (string | number)[];
  /** May be given more than once. */
  multiple?: boolean;
}

export const CREATE_OPTIONS: readonly OptionDef[] = [
  {
    name: "name",
    type: "string",
    value: "<name>",
    help: "base name of the Fly apps (default: the directory's name)",
    specPath: ["name"],
  },
  { name: "org", type: "string", value: "<slug>", help: "Fly organization (default: personal)", specPath: ["org"] },
  {
    name: "regions",
    type: "string",
    value: "<a,b,c>",
    help: "web regions (default: iad,lhr,nrt)",
    specPath: ["regions"],
    list: true,
  },
  {
    name: "primary-region",
    type: "string",
    value: "<code>",
    help: "where writes, the database primary and the worker run (default: the first of --regions)",
    specPath: ["primaryRegion"],
  },
  {
    name: "database",
    type: "string",
    value: `<${DATABASE_KINDS.join("|")}>`,
    help: "Fly Postgres with replicas, Managed Postgres, or none (default: postgres)",
    specPath: ["database", "kind"],
    choices: DATABASE_KINDS,
  },
  {
    name: "mpg-plan",
    type: "string",
    value: `<${MPG_PLANS.join("|")}>`,
    help: "the Managed Postgres plan, with --database mpg (default: basic)",
    specPath: ["database", "mpgPlan"],
    choices: MPG_PLANS,
  },
  {
    name: "postgres-members",
    type: "string",
    value: `<${POSTGRES_MEMBERS.join("|")}>`,
    help: "Fly Postgres members in the primary region: 3 can fail over, 1 is cheaper (default: 3)",
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
  {
    name: "cache",
    type: "string",
    value: `<${CACHE_KINDS.join("|")}>`,
    help: "Upstash Redis, a Redis app on a volume, or none (default: upstash)",
    specPath: ["cache", "kind"],
    choices: CACHE_KINDS,
  },
  {
    name: "upstash-plan",
    type: "string",
    value: "<plan>",
    help: `Upstash plan as fly redis plans names it: ${UPSTASH_PLANS.map((p) => JSON.stringify(p)).join(", ")} (default: "Fixed 250MB" with --queue redis, else pay-as-you-go)`,
    specPath: ["cache", "upstashPlan"],
    choices: UPSTASH_PLANS,
  },
  {
    name: "worker",
    type: "string",
    value: `<${WORKER_KINDS.join("|")}>`,
    help: "worker as its own app, a process group, or none (default: app)",
    specPath: ["worker", "kind"],
    choices: WORKER_KINDS,
  },
  {
    name: "queue",
    type: "string",
    value: `<${QUEUE_KINDS.join("|")}>`,
    help: "job queue backend (default: postgres when there is a database)",
    specPath: ["worker", "queue"],
    choices: QUEUE_KINDS,
  },
  {
    name: "package-manager",
    type: "string",
    value: `<${PACKAGE_MANAGERS.join("|")}>`,
    help: "default: the one running this command",
    specPath: ["packageManager"],
    choices: PACKAGE_MANAGERS,
  },
  { name: "spec", type: "string", value: "<file>", help: "answers from a spec file; flags given as well override it" },
  { name: "yes", short: "y", type: "boolean", help: "take defaults for everything not given; never prompt" },
  { name: "dry-run", type: "boolean", help: "print what would be created; write nothing" },
  { name: "no-install", type: "boolean", help: "do not install dependencies" },
  { name: "no-git", type: "boolean", help: "do not create a git repository" },
  { name: "help", short: "h", type: "boolean", help: "show this help" },
  { name: "version", short: "v", type: "boolean", help: "show the version" },
];

export const REGENERATE_OPTIONS: readonly OptionDef[] = [
  { name: "check", type: "boolean", help: "write nothing; exit 1 when generated files differ from the spec" },
  { name: "dry-run", type: "boolean", help: "print what would change; write nothing" },
  { name: "diff", type: "boolean", help: "also print each change as a unified diff (git apply reads it)" },
  {
    name: "restore",
    type: "string",
    value: "<path>",
    help: "bring back a generated file you deleted (repeatable)",
    multiple: true,
  },
  { name: "help", short: "h", type: "boolean", help: "show this help" },
];
