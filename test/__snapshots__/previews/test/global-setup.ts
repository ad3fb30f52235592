/** Brings the test database's schema up to date once, exactly as the release command does. */
import pg from "pg";
import { loadConfig } from "../src/lib/config.js";
import { createLogger } from "../src/lib/logger.js";
import { applyMigrations } from "../src/lib/migrations.js";
import { installQueue } from "../src/lib/queue.js";
import { testEnv } from "./env.js";

export default async function setup(): Promise<void> {
  const config = loadConfig(testEnv());
  const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 1 });
  try {
    await applyMigrations(pool);
  } finally {
    await pool.end();
  }
  await installQueue(config, createLogger(config, "migrate"));
}
