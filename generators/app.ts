/**
 * The application code: web tier, worker, and the libraries they share. Code for a database, a
 * cache or a queue is emitted only when the spec has one; the queue's backend picks which
 * implementation lands in src/lib/queue.ts.
 */
import type { Generator } from "./types.js";

export const app: Generator = {
  component: "app",
  applies: () => true,
  generate(out) {
    const { database, cache, worker } = out.view;
    const copy = (path: string) => out.file(path, { template: path });

    out.file("src/lib/config.ts");
    copy("src/lib/logger.ts");
    copy("src/lib/shutdown.ts");
    copy("src/lib/replay.ts");
    copy("src/lib/deadline.ts");
    copy("src/lib/metrics.ts");
    // A worker implies a database or a cache (its queue lives in one of them).
    const view = {
      ...out.view,
      hasDependencies: database.enabled || cache.enabled,
      testServers: [...(database.enabled ? ["DATABASE_URL"] : []), ...(cache.enabled ? ["REDIS_URL"] : [])],
    };
    out.file("src/web/app.ts", { view });
    copy("src/web/server.ts");
    copy("src/web/client-ip.ts");
    copy("src/web/errors.ts");
    copy("src/web/request-metrics.ts");
    copy("src/web/routes/health.ts");
    out.file("vitest.config.ts");
    out.file("test/env.ts", { view });
    copy("test/config.test.ts");
    copy("test/health.test.ts");
    copy("test/edge.test.ts");

    if (database.enabled) {
      for (const path of [
        "src/lib/db.ts",
        "src/lib/items.ts",
        "src/lib/migrations.ts",
        "src/web/read-only.ts",
        "src/web/routes/items.ts",
        "migrations/001_items.sql",
        "migrations/002_items_version.sql",
        "test/db.test.ts",
        "test/items.test.ts",
        "test/migrations.test.ts",
      ])
        copy(path);
      out.file("src/migrate.ts");
      out.file("test/global-setup.ts");
    }
    if (cache.enabled) {
      copy("src/lib/redis.ts");
      copy("src/lib/circuit-breaker.ts");
      copy("src/lib/cache.ts");
      copy("test/cache.test.ts");
    }
    if (database.enabled && cache.enabled) {
      copy("src/lib/cached-items.ts");
      copy("test/cached-items.test.ts");
    }
    if (worker.enabled) {
      copy("src/lib/jobs.ts");
      copy("src/lib/job-runner.ts");
      out.file("src/lib/queue.ts", {
        template: worker.queueOnPostgres ? "src/lib/queue-pgboss.ts" : "src/lib/queue-bullmq.ts",
      });
      copy("src/web/routes/jobs.ts");
      copy("src/worker/main.ts");
      copy("src/worker/demo-job.ts");
      copy("test/jobs.test.ts");
    }
  },
};
