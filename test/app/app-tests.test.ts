/**
 * Acceptance 3: the generated app's own `npm test` passes against real servers from the harness,
 * for the seed spec (queue on Postgres) and for the queue on Redis.
 */
import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PartialSpec } from "../../src/spec/resolve.js";
import { type PostgresCluster, startPostgres } from "../harness/postgres.js";
import { type RedisServer, startRedis } from "../harness/redis.js";
import { render } from "../helpers/render.js";
import { run, writeApp } from "./generated-app.js";

describe("the generated app's own tests", () => {
  let postgres: PostgresCluster;
  let redis: RedisServer;
  const dirs: string[] = [];
  beforeAll(async () => {
    [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
  });
  afterAll(async () => {
    await Promise.all([postgres?.stop(), redis?.stop(), ...dirs.map((d) => rm(d, { recursive: true, force: true }))]);
  });

  const variants: [string, PartialSpec][] = [
    ["seed (pg-boss)", { name: "seed" }],
    ["queue on Redis (BullMQ)", { name: "bull", worker: { kind: "app", queue: "redis" } }],
  ];
  for (const [label, answers] of variants) {
    it(`npm test passes: ${label}`, async () => {
      const database = `apptest_${answers.name}`;
      await postgres.createDatabase(database);
      const dir = await writeApp(render(answers), `npm-test-${answers.name}`);
      dirs.push(dir);
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        DATABASE_URL: postgres.url(database),
        REDIS_URL: redis.url,
        PRIMARY_REGION: "iad",
        NODE_ENV: "test",
        NO_COLOR: "1",
      };
      delete env.VITEST;
      delete env.VITEST_WORKER_ID;
      delete env.VITEST_POOL_ID;
      const result = await run("npm", ["test", "--", "--reporter=dot"], { cwd: dir, env }).catch(
        (error: { stdout: string; stderr: string; code: number }) => error,
      );
      expect("code" in result ? `${result.stdout}\n${result.stderr}` : "", "npm test failed").toBe("");
      // Every test ran: none skipped for want of a server.
      expect(result.stdout).toMatch(/Tests\s+\d+ passed/);
      expect(result.stdout).not.toMatch(/skipped/);
    }, 120_000);
  }
});
