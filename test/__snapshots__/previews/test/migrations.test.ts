import { randomUUID } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/lib/config.js";
import { applyMigrations } from "../src/lib/migrations.js";
import { testEnv } from "./env.js";

const config = loadConfig(testEnv());
const admin = new pg.Pool({ connectionString: config.databaseUrl, max: 2 });
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await admin.end();
});

/** A schema of its own and a folder of migrations, so each test starts from an empty database. */
async function sandbox(files: Record<string, string>): Promise<{ pool: pg.Pool; dir: string; schema: string }> {
  const schema = `migrations_${randomUUID().replace(/-/g, "")}`;
  await admin.query(`CREATE SCHEMA ${schema}`);
  const url = new URL(config.databaseUrl);
  url.searchParams.set("options", `-c search_path=${schema}`);
  const pool = new pg.Pool({ connectionString: url.toString(), max: 1 });
  const dir = await mkdtemp(join(tmpdir(), "migrations-"));
  for (const [name, sql] of Object.entries(files)) await writeFile(join(dir, name), sql);
  cleanups.push(
    () => pool.end(),
    () => rm(dir, { recursive: true, force: true }),
    () => admin.query(`DROP SCHEMA ${schema} CASCADE`),
  );
  return { pool, dir, schema };
}

describe("applyMigrations", () => {
  it("applies each file once; an applied file edited later is refused by name", async () => {
    const { pool, dir } = await sandbox({ "001_a.sql": "CREATE TABLE a (id int);" });
    expect(await applyMigrations(pool, { dir })).toEqual(["001_a.sql"]);
    expect(await applyMigrations(pool, { dir })).toEqual([]);
    await writeFile(join(dir, "001_a.sql"), "CREATE TABLE a (id bigint);");
    await expect(applyMigrations(pool, { dir })).rejects.toThrow(
      /migration 001_a\.sql was changed after it was applied/,
    );
  });

  it("runs a file headed `-- no-transaction` outside a transaction (CREATE INDEX CONCURRENTLY)", async () => {
    const { pool, dir, schema } = await sandbox({
      "001_t.sql": "CREATE TABLE t (id int);",
      "002_t_index.sql": "-- no-transaction\nCREATE INDEX CONCURRENTLY t_id_idx ON t (id);",
    });
    expect(await applyMigrations(pool, { dir })).toEqual(["001_t.sql", "002_t_index.sql"]);
    const { rows } = await admin.query("SELECT indexname FROM pg_indexes WHERE schemaname = $1 AND tablename = 't'", [
      schema,
    ]);
    expect(rows).toEqual([{ indexname: "t_id_idx" }]);
  });

  it("gives up, with a clear message, on a lock held by another session instead of queueing behind it", async () => {
    const { pool, dir, schema } = await sandbox({ "001_t.sql": "CREATE TABLE t (id int);" });
    await applyMigrations(pool, { dir });
    await writeFile(join(dir, "002_alter.sql"), "ALTER TABLE t ADD COLUMN name text;");
    const holder = await admin.connect();
    try {
      await holder.query("BEGIN");
      await holder.query(`LOCK TABLE ${schema}.t IN ACCESS SHARE MODE`);
      await expect(applyMigrations(pool, { dir, lockTimeoutMs: 200 })).rejects.toThrow(
        /migration 002_alter\.sql gave up after waiting 200 ms for a lock/,
      );
    } finally {
      await holder.query("ROLLBACK");
      holder.release();
    }
    expect(await applyMigrations(pool, { dir })).toEqual(["002_alter.sql"]);
  });
});
