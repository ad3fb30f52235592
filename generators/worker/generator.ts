/**
 * The worker: the job queue (pg-boss on Postgres or BullMQ on Redis, whichever the spec picks, lands
 * in src/lib/queue.ts), the routes that enqueue, the worker process, and its Fly app when it has one
 * (a process group lives in the web tier's fly.toml instead).
 */
import type { ComponentGenerator } from "../component.js";
import { flyEnvOf } from "../contribution.js";
import { writeConfigs } from "../environments/configs.js";
import { WORKER_PACKAGES, workerContributions } from "./contributions.js";
import { workerFacts } from "./facts.js";

export const worker = {
  component: "worker",
  facts: workerFacts,
  applies: (spec) => spec.worker.kind !== "none",
  packages: WORKER_PACKAGES,
  readyz: [{ key: "queue" }],
  contributes: workerContributions,
  generate(out) {
    out.file("src/lib/jobs.ts");
    out.file("src/lib/job-runner.ts");
    out.file("src/lib/queue.ts", {
      template: out.view.worker.queueOnPostgres ? "src/lib/queue-pgboss.ts" : "src/lib/queue-bullmq.ts",
    });
    out.file("src/web/routes/jobs.ts");
    out.file("src/worker/main.ts");
    out.file("src/worker/demo-job.ts");
    out.file("test/jobs.test.ts");
    if (out.view.worker.isApp) {
      writeConfigs(out, "fly.worker.toml", (view) => ({
        ...view,
        flyEnv: flyEnvOf(view.contributed.env, view.apps.worker),
      }));
    }
  },
} satisfies ComponentGenerator;
