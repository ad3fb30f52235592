/**
 * The release command (fly.toml [deploy]): applies migrations/*.sql and installs pg-boss's schema
 * and queue, on the primary, once per deploy before new Machines serve traffic. Safe to run again.
 * It connects directly, never through PgBouncer: its advisory locks need one session (lib/db.ts).
 */
import pg from "pg";
import { loadConfigOrExit } from "./lib/config.js";
import { migrationUrl } from "./lib/db.js";
import { createLogger } from "./lib/logger.js";
import { applyMigrations } from "./lib/migrations.js";
import { installQueue } from "./lib/queue.js";

const loaded = loadConfigOrExit();
const config = { ...loaded, databaseUrl: migrationUrl(loaded) };
const log = createLogger(config, "migrate");
const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 1 });
try {
  const applied = await applyMigrations(pool);
  log.info({ applied }, applied.length ? "migrations applied" : "database schema is up to date");
  await installQueue(config, log);
  log.info("job queue schema is up to date");
} catch (error) {
  log.error({ err: error }, "migration failed");
  process.exitCode = 1;
} finally {
  await pool.end();
}
