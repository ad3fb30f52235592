/**
 * The SQL that `teardown.sh --pr` sends through `fly postgres connect`, run by a real psql against
 * a real Postgres set up as `fly postgres attach` leaves a preview's database: it drops the
 * database while its app still holds a connection, then the users; a second run does nothing and
 * succeeds; and a statement that fails makes psql fail, so the teardown stops there.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeNewProject } from "../../src/engine/write-new.js";
import { type PostgresCluster, startPostgres } from "../harness/index.js";
import { PG_BIN } from "../harness/postgres.js";
import { render } from "../helpers/render.js";

const DATABASE = "acme_pr_7";
const USERS = ["acme_pr_7_web", "acme_pr_7_worker"];
const root = mkdtempSync(join(tmpdir(), "preview-database-test-"));
let repo: string;
let postgres: PostgresCluster;
let admin: pg.Client;

beforeAll(async () => {
  repo = join(root, "app");
  await writeNewProject(
    render({ name: "acme", regions: ["iad"], environments: { staging: {} }, previews: true }),
    repo,
  );
  postgres = await startPostgres();
  admin = new pg.Client({ connectionString: postgres.url() });
  await admin.connect();
}, 120_000);

afterAll(async () => {
  await admin?.end();
  await postgres?.stop();
  rmSync(root, { recursive: true, force: true });
});

/** What flyctl's attach made: the database, and a login user per app that may use it. */
async function attachLike() {
  await admin.query(`CREATE DATABASE ${DATABASE}`);
  for (const user of USERS) {
    await admin.query(`CREATE USER ${user} WITH LOGIN PASSWORD 'secret'`);
    await admin.query(`GRANT ALL PRIVILEGES ON DATABASE ${DATABASE} TO ${user}`);
  }
  const owner = new pg.Client({ connectionString: postgres.url(DATABASE) });
  await owner.connect();
  await owner.query(`GRANT ALL ON SCHEMA public TO ${USERS.join(", ")}`);
  await owner.end();
}

/** The preview's web app, connected as its own user and migrated: a table of its own. */
async function connectAsApp() {
  const url = new URL(postgres.url(DATABASE));
  url.username = USERS[0] as string;
  url.password = "secret";
  const app = new pg.Client({ connectionString: url.href });
  await app.connect();
  await app.query("CREATE TABLE items (id serial PRIMARY KEY, name text)");
  await app.query("INSERT INTO items (name) VALUES ('from the preview')");
  return app;
}

/** teardown.sh's stdin for a target, by its own function. */
async function sqlFor(kind: "database" | "role", name: string) {
  const { stdout } = await execa("bash", ["-c", `source scripts/teardown.sh && destroy_input ${kind} ${name}`], {
    cwd: repo,
  });
  return `${stdout}\n`;
}

/** psql reading the SQL on stdin, as the leader's `connect` runs it for fly postgres connect. */
function psql(sql: string) {
  return execa(join(PG_BIN, "psql"), [postgres.url()], { input: sql, reject: false, all: true });
}

async function exists(catalog: "pg_database" | "pg_roles", column: string, names: string[]) {
  const { rows } = await admin.query(`SELECT ${column} AS name FROM ${catalog} WHERE ${column} = ANY($1)`, [names]);
  return rows.map((row) => row.name).sort();
}

describe("the SQL teardown.sh --pr sends", () => {
  it("drops the database under an open connection, then the users, and again does nothing", async () => {
    await attachLike();
    const app = await connectAsApp();
    const closed = new Promise<Error>((resolve) => app.on("error", resolve));

    const dropDatabase = await psql(await sqlFor("database", DATABASE));
    expect({ status: dropDatabase.exitCode, output: dropDatabase.all }).toEqual({ status: 0, output: "DROP DATABASE" });
    // FORCE ended the app's session instead of waiting for it.
    expect((await closed).message).toMatch(/terminat/);
    for (const user of USERS) {
      const dropUser = await psql(await sqlFor("role", user));
      expect({ status: dropUser.exitCode, output: dropUser.all }).toEqual({ status: 0, output: "DROP ROLE" });
    }
    expect(await exists("pg_database", "datname", [DATABASE])).toEqual([]);
    expect(await exists("pg_roles", "rolname", USERS)).toEqual([]);

    // A rerun after an interruption finds nothing to drop and still succeeds.
    const again = await psql(await sqlFor("database", DATABASE));
    expect(again.exitCode).toBe(0);
    expect(again.all).toContain(`database "${DATABASE}" does not exist, skipping`);
  });

  it("fails when a statement fails, so the teardown stops there", async () => {
    // A user that owns something outside the preview's database cannot be dropped.
    await admin.query(`CREATE USER ${USERS[0]} WITH LOGIN`);
    await admin.query(`CREATE TABLE kept_elsewhere (id int)`);
    await admin.query(`ALTER TABLE kept_elsewhere OWNER TO ${USERS[0]}`);
    const failed = await psql(await sqlFor("role", USERS[0] as string));
    expect(failed.exitCode).not.toBe(0);
    expect(failed.all).toContain(`role "${USERS[0]}" cannot be dropped`);
    expect(await exists("pg_roles", "rolname", USERS)).toEqual([USERS[0]]);
  });
});
