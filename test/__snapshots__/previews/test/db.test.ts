import { randomUUID } from "node:crypto";
import { connect, createServer, type Server, type Socket } from "node:net";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/lib/config.js";
import { Db, deriveReplicaUrl, isReadOnlyTransaction, migrationUrl, replicaUrlFor } from "../src/lib/db.js";
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

describe("the migration URL", () => {
  it("is Managed Postgres's direct URL, derived from the PgBouncer one; DIRECT_DATABASE_URL wins", () => {
    const pooled = "postgresql://fly-user:s3cret@pgbouncer.abc123xyz.flympg.net/fly-db";
    expect(migrationUrl({ databaseUrl: pooled, directDatabaseUrl: undefined })).toBe(
      "postgresql://fly-user:s3cret@direct.abc123xyz.flympg.net/fly-db",
    );
    const staged = "postgresql://fly-user:s3cret@direct.other.flympg.net/fly-db";
    expect(migrationUrl({ databaseUrl: pooled, directDatabaseUrl: staged })).toBe(staged);
  });

  it("is DATABASE_URL itself for hosts without PgBouncer", () => {
    for (const url of ["postgres://u:p@my-db.flycast:5432/d", "postgres://u:p@localhost:5432/d"]) {
      expect(migrationUrl({ databaseUrl: url, directDatabaseUrl: undefined })).toBe(url);
    }
  });
});

/** A TCP server for the tests below; closed after all of them. */
const servers: Server[] = [];
afterAll(() => Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve)))));
function listen(onConnection: (socket: Socket) => void, port = 0): Promise<number> {
  const server = createServer(onConnection);
  servers.push(server);
  return new Promise((resolve) => {
    server.listen(port, "127.0.0.1", () => resolve((server.address() as { port: number }).port));
  });
}
/** A server that accepts connections and never answers, like a host whose Postgres hung. */
const sockets: Socket[] = [];
afterAll(() => {
  for (const socket of sockets) socket.destroy();
});
const blackHole = () => listen((socket) => sockets.push(socket));
const urlOnPort = (port: number) => {
  const url = new URL(loadConfig(testEnv()).databaseUrl);
  url.hostname = "127.0.0.1";
  url.port = String(port);
  return url.toString();
};

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

  it("does not send reads to the primary when the replica is only busy (its pool is full)", async () => {
    const db = open({
      FLY_REGION: "lhr",
      DATABASE_REPLICA_URL: config.databaseUrl,
      DATABASE_POOL_MAX: "1",
      DATABASE_REPLICA_CONNECT_TIMEOUT_MS: "200",
    });
    // Its one connection made first: what follows then waits only for the pool, never for a
    // handshake, which a busy machine can stretch past the 200 ms bound (a fallback to the primary).
    await expect.poll(async () => (await db.read("SELECT 1")).from, { timeout: 15_000 }).toBe("replica");
    const slow = db.read("SELECT pg_sleep(1)");
    await expect(db.read("SELECT 1")).rejects.toThrow(/timeout exceeded when trying to connect/);
    await slow;
    expect((await db.read("SELECT 1")).from).toBe("replica");
  });

  it("keeps trying the replica after one failed connect: only several in a row skip it", async () => {
    // A port with nothing on it yet, then a relay to the test database on that port.
    const port = await listen(() => undefined);
    await new Promise((resolve) => servers.pop()?.close(resolve));
    const db = open({ FLY_REGION: "lhr", DATABASE_REPLICA_URL: urlOnPort(port) });
    expect((await db.read("SELECT 1")).from).toBe("primary");
    const target = new URL(config.databaseUrl);
    await listen((socket) => {
      const upstream = connect(Number(target.port || 5432), target.hostname);
      socket.pipe(upstream).pipe(socket);
      socket.on("error", () => upstream.destroy());
      upstream.on("error", () => socket.destroy());
    }, port);
    expect((await db.read("SELECT 1")).from).toBe("replica");
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

describe("bounded waits", () => {
  const log = createLogger(loadConfig(testEnv()), "web");

  it("a read of a table locked by another session (an ALTER in a release command) ends at statement_timeout", async () => {
    const config = loadConfig(testEnv());
    const schema = `locked_${randomUUID().replace(/-/g, "")}`;
    const admin = new pg.Pool({ connectionString: config.databaseUrl, max: 1 });
    await admin.query(`CREATE SCHEMA ${schema}; CREATE TABLE ${schema}.items (LIKE public.items INCLUDING ALL)`);
    const url = new URL(config.databaseUrl);
    url.searchParams.set("options", `-c search_path=${schema}`);
    const app = await createApp(
      loadConfig(testEnv({ DATABASE_URL: url.toString(), DATABASE_STATEMENT_TIMEOUT_MS: "300" })),
    );
    const holder = await admin.connect();
    try {
      await holder.query(`BEGIN; LOCK TABLE ${schema}.items IN ACCESS EXCLUSIVE MODE`);
      const res = await app.inject({ method: "GET", url: "/api/items" });
      expect(res.statusCode).toBeGreaterThanOrEqual(500);
    } finally {
      await holder.query("ROLLBACK");
      holder.release();
      await app.close();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    }
  });

  it("a primary that stops answering mid-connection fails the query at query_timeout, not never", async () => {
    const target = new URL(loadConfig(testEnv()).databaseUrl);
    const frozen = new Set<Socket>();
    let freeze = false;
    const port = await listen((socket) => {
      const upstream = connect(Number(target.port || 5432), target.hostname);
      sockets.push(socket, upstream);
      // Bytes from Postgres pass until the freeze; after it, the server seems to hang.
      upstream.on("data", (chunk) => (freeze ? frozen.add(socket) : socket.write(chunk)));
      socket.pipe(upstream);
      socket.on("error", () => upstream.destroy());
      upstream.on("error", () => socket.destroy());
    });
    const db = new Db(
      loadConfig(testEnv({ DATABASE_URL: urlOnPort(port), DATABASE_STATEMENT_TIMEOUT_MS: "200" })),
      log,
    );
    try {
      expect((await db.read("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
      freeze = true;
      await expect(db.read("SELECT 2")).rejects.toThrow(/Query read timeout/);
      expect(frozen.size).toBe(1);
    } finally {
      await db.close();
    }
  });

  it("against a primary that accepts TCP and never answers, a write fails and the app still closes", async () => {
    const app = await createApp(
      loadConfig(testEnv({ DATABASE_URL: urlOnPort(await blackHole()), DATABASE_CONNECT_TIMEOUT_MS: "300" })),
    );
    const res = await app.inject({ method: "POST", url: "/api/items", payload: { name: "into the void" } });
    expect(res.statusCode).toBeGreaterThanOrEqual(500);
    await app.close();
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
