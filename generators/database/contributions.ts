/** What the database adds to the files of others. */
import { typescript } from "../../src/engine/template-escapes.js";
import { type ConfigGroup, type Contribution, type Packages, packageNames } from "../contribution.js";
import type { Facts } from "../view.js";

export const DATABASE_PACKAGES: Packages = {
  dependencies: { pg: "^8.23.0" },
  devDependencies: { "@types/pg": "^8.23.0" },
};

const POSTGRES_URL = typescript`z.url({ protocol: /^postgres(ql)?$/, error: "expected a postgres:// URL" })`;
const LIMITS: ConfigGroup = { key: "database", type: "DatabaseLimits" };
const NUMBER = typescript`number`;
const OPTIONAL_URL = typescript`string | undefined`;

export function databaseContributions(facts: Facts): Contribution {
  const { pools } = facts;
  if (pools === undefined) throw new Error("the database contributes only to a spec that has one");
  const local = (port: number) => `postgres://postgres:postgres@localhost:${port}/${facts.name}`;
  // Fly Postgres only: the spec refuses previews on Managed Postgres (generators/environments/spec.ts).
  const previews = facts.spec.previews;
  return {
    packages: packageNames(DATABASE_PACKAGES),
    tasks: [
      {
        script: {
          name: "migrate",
          command: "node --enable-source-maps dist/migrate.js",
          readme: "the compiled migrations, as the release command runs them",
        },
        dev: {
          name: "dev:migrate",
          command: "tsx --env-file=.env src/migrate.ts",
          readme: "apply `migrations/*.sql` to `DATABASE_URL`",
          note: "create the tables (safe to repeat)",
        },
        release: "Migrations run once per deploy, on a temporary Machine, before any new version serves traffic.",
      },
    ],
    webImports: [
      { names: typescript`{ Db }`, from: "../lib/db.js" },
      { names: typescript`{ itemsInPostgres }`, from: "../lib/items.js" },
      { names: typescript`{ observePool, unobservePool }`, from: "../lib/metrics.js" },
      { names: typescript`{ replayReadOnlyErrors }`, from: "./read-only.js" },
      { names: typescript`{ itemRoutes }`, from: "./routes/items.js" },
    ],
    probes: [
      { key: "primary", check: typescript`() => db.ping("primary")` },
      { key: "replica", check: typescript`db.replica && (() => db.ping("replica"))` },
    ],
    ciServices: ["Postgres"],
    bootstrapSteps: [
      facts.database.isPostgres
        ? {
            call: "provision_postgres",
            summary: "Fly Postgres and its replicas",
            prune: {
              call: "prune_postgres",
              summary:
                "Postgres replicas outside the replica regions, and members beyond primaryMembers in the primary region",
            },
          }
        : { call: "provision_mpg", summary: "the Managed Postgres cluster" },
    ],
    partials: [
      "web-app-open",
      "web-app-routes",
      "ci-services",
      "bootstrap-variables",
      "bootstrap-provision",
      // flyctl cannot create the performance plan from a script: checked before anything is
      // created, in whichever environment has that plan. A preview needs staging's cluster.
      ...(facts.database.isMpg || previews ? (["bootstrap-preflight"] as const) : []),
      // A preview's own database on staging's cluster.
      ...(previews ? (["bootstrap-preview"] as const) : []),
      "readme-diagram-primary",
      "readme-diagram-region",
      "readme-diagram",
      "readme-services",
      "readme-reads",
      "readme-consistency",
      "readme-behaviour",
      "readme-sections",
      "readme-bootstrap",
      // Fly Postgres has members per region, which bootstrap --prune removes.
      ...(facts.database.isPostgres ? (["readme-prune"] as const) : []),
    ],
    localServers: ["a local PostgreSQL (15 or newer)"],
    imageFolders: ["migrations"],
    testSetup: ["test/global-setup.ts"],
    env: [
      {
        name: "DATABASE_URL",
        section: "connections",
        zod: POSTGRES_URL,
        field: { key: "databaseUrl", type: typescript`string` },
        apps: facts.consumerApps,
        onFly: "secret",
        example: { value: local(5432) },
        ci: local(5432),
        readme: "Postgres, writable (on Fly, set by `fly postgres attach`)",
      },
      {
        name: "DATABASE_REPLICA_URL",
        section: "connections",
        doc: ["Overrides the replica derived from DATABASE_URL (see lib/db.ts); used by local runs and tests."],
        zod: typescript`${POSTGRES_URL}.optional()`,
        field: { key: "databaseReplicaUrl", type: OPTIONAL_URL },
        example: {
          value: local(5433),
          commented: true,
          note: "Reads go here outside the primary region; on Fly it is derived from DATABASE_URL.",
        },
        readme: "optional: the replica to read from outside the primary region (on Fly it is derived, see below)",
      },
      {
        name: "DIRECT_DATABASE_URL",
        section: "connections",
        doc: ["For the release command on Managed Postgres: the URL without PgBouncer (see lib/db.ts, migrationUrl)."],
        zod: typescript`${POSTGRES_URL}.optional()`,
        field: { key: "directDatabaseUrl", type: OPTIONAL_URL },
      },
      {
        name: "DATABASE_POOL_MAX",
        section: "connections",
        doc: [
          "Connections per pool and process. The default is derived from the spec so that every Machine's",
          'pools fit the database\'s connection limit (README, "Database connections").',
        ],
        zod: typescript`z.coerce.number().int().min(1).max(100).default(${pools.poolMax})`,
        field: { key: "poolMax", type: NUMBER, group: LIMITS },
      },
      {
        name: "DATABASE_STATEMENT_TIMEOUT_MS",
        section: "connections",
        doc: ["Postgres cancels a statement that runs (or waits for a lock) longer than this."],
        zod: typescript`ms(5_000)`,
        field: { key: "statementTimeoutMs", type: NUMBER, group: LIMITS },
      },
      {
        name: "DATABASE_CONNECT_TIMEOUT_MS",
        section: "connections",
        doc: ["Opening a connection, or waiting for a free one in a full pool."],
        zod: typescript`ms(5_000)`,
        field: { key: "connectTimeoutMs", type: NUMBER, group: LIMITS },
      },
      {
        name: "DATABASE_REPLICA_CONNECT_TIMEOUT_MS",
        section: "connections",
        doc: ["Shorter for the replica: reads that cannot reach it go to the primary instead of waiting."],
        zod: typescript`ms(1_000)`,
        field: { key: "replicaConnectTimeoutMs", type: NUMBER, group: LIMITS },
      },
    ],
  };
}
