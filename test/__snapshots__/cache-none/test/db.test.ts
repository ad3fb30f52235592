import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/lib/config.js";
import { Db, deriveReplicaUrl, isReadOnlyTransaction, replicaUrlFor } from "../src/lib/db.js";
import { createLogger } from "../src/lib/logger.js";
import { createApp } from "../src/web/app.js";
import { DEAD_PORT, testEnv } from "./env.js";

describe("the replica URL", () => {
  it("is derived from a Fly Postgres URL: this region's member on port 5433, same credentials", () => {
    const url = "postgres://app:s3cret@my-db.flycast:5432/app?sslmode=disable";
    expect(deriveReplicaUrl(url, "lhr")).toBe("postgres://app:s3cret@lhr.my-db.internal:5433/app?sslmode=disable");
    expect(deriveReplicaUrl("postgres://u:p@top2.nearest.of.my-db.internal:5432/d", "nrt")).toBe(
      "postgres://u:p@nrt.my-db.internal:5433/d",
    );
  });

  it("is not derived for hosts without per-region replicas", () => {
    expect(deriveReplicaUrl("postgres://u:p@localhost:5432/d", "lhr")).toBeUndefined();
    expect(deriveReplicaUrl("postgres://u:p@pgbouncer.abc.flympg.net/d", "lhr")).toBeUndefined();
  });

  it("is not used in the primary region; DATABASE_REPLICA_URL wins elsewhere", () => {
    const env = testEnv({ DATABASE_URL: "postgres://u:p@my-db.flycast:5432/d" });
    expect(replicaUrlFor(loadConfig({ ...env, FLY_REGION: "iad" }))).toBeUndefined();
    expect(replicaUrlFor(loadConfig({ ...env, FLY_REGION: "lhr" }))).toBe("postgres://u:p@lhr.my-db.internal:5433/d");
    const override = "postgres://u:p@localhost:6543/d";
    expect(replicaUrlFor(loadConfig({ ...env, FLY_REGION: "lhr", DATABASE_REPLICA_URL: override }))).toBe(override);
  });
});

describe("Db", () => {
  const config = loadConfig(testEnv());
  const log = createLogger(config, "web");
  const dbs: Db[] = [];
  const open = (overrides: Record<string, string>) => {
    const db = new Db(loadConfig(testEnv(overrides)), log);
    dbs.push(db);
    return db;
  };
  afterAll(() => Promise.all(dbs.map((db) => db.close())));

  it("reads from the primary in the primary region", async () => {
    const db = open({});
    expect((await db.read("SELECT 1 AS one")).from).toBe("primary");
  });

  it("falls back to the primary on the first read when the replica cannot be reached", async () => {
    const dead = new URL(config.databaseUrl);
    dead.hostname = "127.0.0.1";
    dead.port = String(DEAD_PORT);
    const db = open({ FLY_REGION: "lhr", DATABASE_REPLICA_URL: dead.toString() });
    const result = await db.read<{ one: number }>("SELECT 1 AS one");
    expect(result).toEqual({ rows: [{ one: 1 }], from: "primary" });
  });

  it("does not retry a query that is wrong on the replica", async () => {
    const db = open({ FLY_REGION: "lhr", DATABASE_REPLICA_URL: config.databaseUrl });
    await expect(db.read("SELECT * FROM no_such_table")).rejects.toThrow(/no_such_table/);
  });

  it("recognizes a write refused by a read-only server (SQLSTATE 25006)", async () => {
    const readOnly = new URL(config.databaseUrl);
    readOnly.searchParams.set("options", "-c default_transaction_read_only=on");
    const db = open({ DATABASE_URL: readOnly.toString() });
    const error = await db.write("INSERT INTO items (name) VALUES ($1)", ["read-only"]).catch((e: unknown) => e);
    expect(isReadOnlyTransaction(error)).toBe(true);
  });
});

describe("with the primary database down", () => {
  it("the web tier still starts; /healthz is 200 and /readyz 503 naming the primary", async () => {
    const dead = new URL(loadConfig(testEnv()).databaseUrl);
    dead.hostname = "127.0.0.1";
    dead.port = String(DEAD_PORT);
    const app = await createApp(loadConfig(testEnv({ DATABASE_URL: dead.toString() })));
    try {
      expect((await app.inject({ method: "GET", url: "/healthz" })).statusCode).toBe(200);
      const ready = await app.inject({ method: "GET", url: "/readyz" });
      expect(ready.statusCode).toBe(503);
      expect(ready.json().db.primary).toBe("down");
    } finally {
      await app.close();
    }
  });
});
