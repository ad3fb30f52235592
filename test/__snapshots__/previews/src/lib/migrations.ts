/**
 * Plain SQL migrations: migrations/NNN_name.sql, applied in name order, each in its own transaction,
 * recorded in schema_migrations with a checksum. An advisory lock lets two release commands race
 * safely, and applied files are skipped, so running it twice is harmless. On Managed Postgres the
 * advisory lock needs the direct URL, not PgBouncer's (see lib/db.ts, migrationUrl).
 *
 * - A file whose first line is `-- no-transaction` runs outside a transaction, for the statements
 *   Postgres refuses inside one (`CREATE INDEX CONCURRENTLY`). Such a file holds one statement:
 *   several in one query would form a transaction again, and a failure could leave half of them.
 * - A migration waits at most `lockTimeoutMs` for a lock: an `ALTER TABLE` queued behind a long
 *   transaction would otherwise block every query on that table behind it.
 * - An applied file that changed since is refused by name: the database did not run what it says.
 */
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

/** The project's migrations/ folder, from src/lib/ and from dist/lib/ alike. */
export const MIGRATIONS_DIR = fileURLToPath(new URL("../../migrations/", import.meta.url));

/** Any fixed number: it names the lock that serializes migration runs on this database. */
const LOCK_KEY = 727_001;
const NO_TRANSACTION = /^--\s*no-transaction\s*$/;
/** SQLSTATE lock_not_available: lock_timeout expired. */
const LOCK_NOT_AVAILABLE = "55P03";

export interface MigrationOptions {
  dir?: string;
  /** How long one migration may wait for a lock before it gives up. */
  lockTimeoutMs?: number;
}

export class MigrationError extends Error {
  override name = "MigrationError";
}

const checksum = (sql: string) => createHash("sha256").update(sql).digest("hex");

export async function applyMigrations(pool: pg.Pool, options: MigrationOptions = {}): Promise<string[]> {
  const { dir = MIGRATIONS_DIR, lockTimeoutMs = 5_000 } = options;
  const names = (await readdir(dir)).filter((name) => name.endsWith(".sql")).sort();
  const files = await Promise.all(
    names.map(async (name) => {
      const sql = await readFile(join(dir, name), "utf8");
      return { name, sql, checksum: checksum(sql) };
    }),
  );
  const client = await pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
    // After the advisory lock: waiting for another release command to finish is intended.
    await client.query(`SET lock_timeout = ${Math.trunc(lockTimeoutMs)}`);
    await client.query(
      "CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
    );
    await client.query("ALTER TABLE schema_migrations ADD COLUMN IF NOT EXISTS checksum text");
    const { rows } = await client.query<{ name: string; checksum: string | null }>(
      "SELECT name, checksum FROM schema_migrations",
    );
    const applied = new Map(rows.map((row) => [row.name, row.checksum]));
    for (const file of files) {
      if (!applied.has(file.name)) continue;
      const recorded = applied.get(file.name);
      // Recorded before checksums were kept: the file as it is now is taken as what ran.
      if (recorded === null) {
        await client.query("UPDATE schema_migrations SET checksum = $2 WHERE name = $1", [file.name, file.checksum]);
      } else if (recorded !== file.checksum) {
        throw new MigrationError(
          `migration ${file.name} was changed after it was applied; restore it and put the change in a new migration`,
        );
      }
    }
    const done: string[] = [];
    for (const file of files.filter((f) => !applied.has(f.name))) {
      await applyOne(client, file, lockTimeoutMs);
      done.push(file.name);
    }
    return done;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]).catch(() => undefined);
    client.release();
  }
}

async function applyOne(
  client: pg.PoolClient,
  file: { name: string; sql: string; checksum: string },
  lockTimeoutMs: number,
): Promise<void> {
  const record = () =>
    client.query("INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)", [file.name, file.checksum]);
  const inTransaction = !NO_TRANSACTION.test(file.sql.split("\n", 1)[0] ?? "");
  try {
    if (inTransaction) {
      await client.query("BEGIN");
      await client.query(file.sql);
      await record();
      await client.query("COMMIT");
    } else {
      await client.query(file.sql);
      await record();
    }
  } catch (error) {
    if (inTransaction) await client.query("ROLLBACK").catch(() => undefined);
    if (error instanceof pg.DatabaseError && error.code === LOCK_NOT_AVAILABLE) {
      throw new MigrationError(
        `migration ${file.name} gave up after waiting ${lockTimeoutMs} ms for a lock that another session holds ` +
          "(a long transaction or a running query on the same table); it changed nothing. Deploy again once that session ends.",
        { cause: error },
      );
    }
    throw new MigrationError(`migration ${file.name} failed: ${(error as Error).message}`, { cause: error });
  }
}
