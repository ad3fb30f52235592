/**
 * A real PostgreSQL 15 primary and (optionally) a streaming replica made with pg_basebackup -R, on
 * free loopback ports, in a temp folder. The server binaries refuse to run as root, so as root they
 * run as the `postgres` user, and their folder belongs to it.
 */
import { execFile } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { appendFile, chown, mkdtemp } from "node:fs/promises";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { stopOnExit } from "./cleanup.js";
import { freePort } from "./ports.js";

const run = promisify(execFile);

export const PG_BIN = process.env.PG_BIN ?? "/usr/lib/postgresql/15/bin";
const isRoot = process.getuid?.() === 0;

/** Runs a Postgres binary, as the postgres user when we are root. */
async function pgRun(binary: string, args: string[]): Promise<string> {
  const [command, argv] = isRoot
    ? ["runuser", ["-u", "postgres", "--", join(PG_BIN, binary), ...args]]
    : [join(PG_BIN, binary), args];
  try {
    const { stdout } = await run(command, argv, { maxBuffer: 8 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    throw new Error(`${binary} ${args.join(" ")} failed: ${e.stderr || e.message}`);
  }
}

export interface PostgresServer {
  port: number;
  dataDir: string;
  start(): Promise<void>;
  /** `immediate` is a crash (no checkpoint), like a Machine that disappears. */
  stop(mode?: "fast" | "immediate"): Promise<void>;
}

export interface PostgresCluster {
  primary: PostgresServer;
  replica: PostgresServer | undefined;
  /** A URL for `database` on the primary, or on the replica. */
  url(database?: string, on?: "primary" | "replica"): string;
  /** Creates a database and waits until the replica has it too. */
  createDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
}

function server(base: string, name: string, port: number): PostgresServer {
  const dataDir = join(base, name);
  const self: PostgresServer = {
    port,
    dataDir,
    async start() {
      await pgRun("pg_ctl", ["-D", dataDir, "-l", join(base, `${name}.log`), "-w", "-t", "60", "start"]);
    },
    async stop(mode = "fast") {
      if (!existsSync(join(dataDir, "postmaster.pid"))) return;
      await pgRun("pg_ctl", ["-D", dataDir, "-m", mode, "-w", "stop"]);
    },
  };
  return self;
}

/** The postmaster's pid from its pid file, for a synchronous kill at exit. */
function postmasterPid(dataDir: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

async function waitFor<T>(what: string, attempt: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await attempt().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function query<R extends pg.QueryResultRow>(url: string, sql: string): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(sql)).rows;
  } finally {
    await client.end();
  }
}

export async function startPostgres(options: { replica?: boolean } = {}): Promise<PostgresCluster> {
  // As root, /tmp rather than $TMPDIR: the postgres user must be able to reach the folder.
  const base = await mkdtemp(join(isRoot ? "/tmp" : tmpdir(), "fly-ref-arch-pg-"));
  const owner = isRoot ? "postgres" : userInfo().username;
  if (isRoot) {
    const { stdout } = await run("id", ["-u", "postgres"]);
    const { stdout: gid } = await run("id", ["-g", "postgres"]);
    await chown(base, Number(stdout.trim()), Number(gid.trim()));
  }

  const primary = server(base, "primary", await freePort());
  const replica = options.replica ? server(base, "replica", await freePort()) : undefined;
  const unregister = stopOnExit(() => {
    for (const s of [replica, primary]) {
      const pid = s && postmasterPid(s.dataDir);
      // SIGQUIT: immediate shutdown of the postmaster and its children.
      if (pid) process.kill(pid, "SIGQUIT");
    }
    rmSync(base, { recursive: true, force: true });
  });

  const url = (database = "postgres", on: "primary" | "replica" = "primary") => {
    const target = on === "replica" ? replica : primary;
    if (!target) throw new Error("this cluster has no replica");
    return `postgres://${owner === "postgres" ? "postgres" : owner}@127.0.0.1:${target.port}/${database}`;
  };

  await pgRun("initdb", ["-D", primary.dataDir, "-U", owner, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]);
  await appendFile(
    join(primary.dataDir, "postgresql.conf"),
    [
      `port = ${primary.port}`,
      "listen_addresses = '127.0.0.1'",
      `unix_socket_directories = '${base}'`,
      "wal_level = replica",
      "max_wal_senders = 5",
      "hot_standby = on",
      // Test data need not survive a power cut.
      "fsync = off",
      "synchronous_commit = off",
      "full_page_writes = off",
      "",
    ].join("\n"),
  );
  await appendFile(join(primary.dataDir, "pg_hba.conf"), `host replication ${owner} 127.0.0.1/32 trust\n`);
  await primary.start();

  if (replica) {
    await pgRun("pg_basebackup", [
      ...["-h", "127.0.0.1", "-p", String(primary.port), "-U", owner],
      ...["-D", replica.dataDir, "-R", "-X", "stream", "-c", "fast"],
    ]);
    // The copied config names the primary's port; a later line wins.
    await appendFile(join(replica.dataDir, "postgresql.conf"), `port = ${replica.port}\n`);
    await replica.start();
    await waitFor("the replica to stream", async () => {
      const rows = await query<{ r: boolean }>(url("postgres", "replica"), "SELECT pg_is_in_recovery() AS r");
      return rows[0]?.r ? true : undefined;
    });
  }

  return {
    primary,
    replica,
    url,
    async createDatabase(name) {
      await query(url(), `CREATE DATABASE "${name.replace(/"/g, "")}"`);
      if (replica) await waitFor(`database ${name} on the replica`, () => query(url(name, "replica"), "SELECT 1"));
    },
    async stop() {
      unregister();
      if (replica) await replica.stop("fast").catch(() => undefined);
      await primary.stop("fast").catch(() => undefined);
      rmSync(base, { recursive: true, force: true });
    },
  };
}
