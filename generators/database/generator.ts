/** Postgres: the pools (primary and replica), the items it stores, migrations and the release command. */
import type { ComponentGenerator } from "../component.js";
import { DATABASE_PACKAGES, databaseContributions } from "./contributions.js";
import { databaseFacts } from "./facts.js";

export const database = {
  component: "database",
  facts: databaseFacts,
  applies: (spec) => spec.database.kind !== "none",
  packages: DATABASE_PACKAGES,
  // The app cannot serve without its primary; it serves without a replica, reading from the primary.
  readyz: [
    { key: "primary", group: "db", critical: true },
    { key: "replica", group: "db" },
  ],
  contributes: databaseContributions,
  generate(out) {
    for (const path of [
      "src/lib/db.ts",
      "src/lib/items.ts",
      "src/lib/migrations.ts",
      "src/web/read-only.ts",
      "src/web/routes/items.ts",
      "src/migrate.ts",
      "migrations/001_items.sql",
      "migrations/002_items_version.sql",
      "test/global-setup.ts",
      "test/db.test.ts",
      "test/items.test.ts",
      "test/migrations.test.ts",
    ])
      out.file(path);
  },
} satisfies ComponentGenerator;
