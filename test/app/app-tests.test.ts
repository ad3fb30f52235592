/**
 * The generated app's own tests pass, and so does its CI, for every spec. For each distinct generated app (test/app/app-matrix.ts),
 * with a primary region other than iad, the app's own tests run as its ci.yml runs them: the test
 * job's last step, with exactly the job's `env` (its service URLs pointed at the harness's real
 * Postgres, Redis and S3 API), on the Node major CI installs. Then once more from a hostile shell that sets
 * PRIMARY_REGION, FLY_REGION, DATABASE_REPLICA_URL and REDIS_KEY_PREFIX to other values: the tests must not care.
 */
import { execFile } from "node:child_process";
import { rm } from "node:fs/promises";
import { promisify, stripVTControlCharacters } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import type { Tree } from "../../src/engine/tree.js";
import type { Region } from "../../src/spec/regions.js";
import type { PartialSpec } from "../../src/spec/resolve.js";
import { type PostgresCluster, startPostgres } from "../harness/postgres.js";
import { type RedisServer, startRedis } from "../harness/redis.js";
import { startS3 } from "../harness/s3.js";
import { onTargetNode } from "../harness/target-node.js";
import { render, specFrom } from "../helpers/render.js";
import { distinctApps, validCombinations } from "./app-matrix.js";
import { writeApp } from "./generated-app.js";

const run = promisify(execFile);

/** Primary regions for the apps, none of them iad; every one offers Managed Postgres too. */
const PRIMARIES: readonly Region[] = ["sjc", "fra", "syd", "sin", "gru", "nrt", "ord", "lhr", "yyz", "lax"];

/** Values a developer's shell might hold from another project or an old .env. */
const HOSTILE_SHELL = {
  PRIMARY_REGION: "jnb",
  FLY_REGION: "gru",
  DATABASE_REPLICA_URL: "postgres://replica:replica@127.0.0.1:1/elsewhere",
  REDIS_KEY_PREFIX: "elsewhere:",
};

interface CiJob {
  env: Record<string, string | number>;
  services?: Record<string, { ports?: string[] }>;
  steps: { run?: string }[];
}

/** The test job of ci.yml: its env, the host ports its services publish, and its last command. */
function ciTestJob(tree: Tree) {
  const job: CiJob = parseYaml(tree.get(".github/workflows/ci.yml")?.content ?? "").jobs.test;
  const servicePorts = new Map<string, string>();
  for (const [service, { ports = [] }] of Object.entries(job.services ?? {})) {
    for (const mapping of ports) servicePorts.set(mapping.split(":")[0] ?? "", service);
  }
  const env = Object.fromEntries(Object.entries(job.env).map(([name, value]) => [name, String(value)]));
  return { env, servicePorts, command: job.steps.at(-1)?.run ?? "" };
}

/** `env` with every URL that names a service container on this host pointed at the harness's server instead. */
function onHarness(env: Record<string, string>, servicePorts: Map<string, string>, servers: Record<string, string>) {
  return Object.fromEntries(
    Object.entries(env).map(([name, value]) => {
      if (!URL.canParse(value)) return [name, value];
      const url = new URL(value);
      const service = servicePorts.get(url.port);
      if (!["localhost", "127.0.0.1"].includes(url.hostname) || !service) return [name, value];
      const server = servers[service];
      if (!server) throw new Error(`${name} names the ${service} service, which the harness does not run`);
      return [name, server];
    }),
  );
}

const apps = distinctApps(validCombinations()).map(({ combinations }, i) => {
  const primary = PRIMARIES[i % PRIMARIES.length] ?? "sjc";
  const answers: PartialSpec = { ...combinations[0]?.answers, name: `matrix-${i}`, regions: [primary, "ams"] };
  return { label: combinations[0]?.label ?? "", primary, answers, tree: render(answers) };
});

describe("the generated CI's test step passes for every distinct app", () => {
  let postgres: PostgresCluster;
  const dirs: string[] = [];
  beforeAll(async () => {
    postgres = await startPostgres();
  });
  afterAll(async () => {
    await Promise.all([postgres?.stop(), ...dirs.map((d) => rm(d, { recursive: true, force: true }))]);
  });

  it("covers every distinct app, none of them with iad as its primary", () => {
    expect(apps.length).toBeGreaterThan(1);
    for (const app of apps) expect(specFrom(app.answers).primaryRegion).not.toBe("iad");
  });

  // One app at a time: its vitest keeps a core busy, and our other test files need the other one.
  for (const [i, app] of apps.entries()) {
    it(`${app.label}, primary ${app.primary}: as ci.yml runs it, then from a hostile shell`, async () => {
      const job = ciTestJob(app.tree);
      expect(job.env.PRIMARY_REGION).toBe(app.primary);
      const dir = await writeApp(app.tree, `npm-test-${i}`);
      dirs.push(dir);
      const redis: RedisServer = await startRedis();
      const bucket = job.env.BUCKET_NAME;
      const s3 = bucket === undefined ? undefined : await startS3({ buckets: [bucket] });
      try {
        for (const [shell, extra] of [
          ["ci", {}],
          ["hostile", HOSTILE_SHELL],
        ] as const) {
          const database = `ci_env_${i}_${shell}`;
          await postgres.createDatabase(database);
          const servers = { postgres: postgres.url(database), redis: redis.url, ...(s3 && { s3: s3.endpoint }) };
          // CI's S3 takes any key pair; the harness's takes only its own.
          const keys = s3 && { AWS_ACCESS_KEY_ID: s3.accessKeyId, AWS_SECRET_ACCESS_KEY: s3.secretAccessKey };
          const env = { ...onHarness(job.env, job.servicePorts, servers), ...keys };
          expect(Object.values(env).join(" "), "a service URL left on localhost").not.toMatch(/localhost/);
          // What a GitHub runner gives every step, and the job's env; nothing from our own shell.
          const base = { PATH: process.env.PATH, HOME: process.env.HOME, CI: "true" };
          const result = await run("bash", ["-e", "-c", job.command], {
            cwd: dir,
            env: await onTargetNode({ ...base, ...extra, ...env }),
            maxBuffer: 16 * 1024 * 1024,
          }).catch((error: { stdout: string; stderr: string; code: number }) => error);
          const output = `${result.stdout}\n${result.stderr}`;
          expect("code" in result ? output : "", `${shell} shell: \`${job.command}\` failed`).toBe("");
          // Every test ran: none skipped for want of a server.
          const summary = stripVTControlCharacters(result.stdout);
          expect(summary).toMatch(/Tests\s+\d+ passed/);
          expect(summary).not.toMatch(/skipped/);
          // The hostile run starts from an empty Redis, as the first did.
          await redis.stop();
          await redis.start();
        }
      } finally {
        await Promise.all([redis.stop(), s3?.stop()]);
      }
      // Two runs of an app's whole vitest suite: past 120 s on a loaded 2-core machine.
    }, 300_000);
  }
});
