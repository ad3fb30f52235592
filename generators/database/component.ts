/** Postgres: Fly Postgres or Managed Postgres, its pools, the items API and migrations. */
import type { Component } from "../component.js";
import { databaseCost } from "./cost.js";
import type { databaseFacts } from "./facts.js";
import { database as generator } from "./generator.js";
import { flags } from "./options.js";
import { database as prompts } from "./prompts.js";
import { database as spec } from "./spec.js";

export const database: Component<typeof spec, typeof databaseFacts> = {
  name: "database",
  flags,
  spec,
  prompts,
  cost: databaseCost,
  generator,
};
