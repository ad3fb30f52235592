/** What the worker adds to the files of others. */
import { typescript } from "../../src/engine/template-escapes.js";
import { type Contribution, deployTarget, type Packages } from "../contribution.js";
import type { Facts } from "../view.js";

export const WORKER_PACKAGES: Packages = {
  dependencies: {
    // Majors chosen when the target was Node 20; pg-boss 11+ (Node 22+) is an upgrade of its own.
    "pg-boss": "^10.4.0",
    bullmq: "^6.7.0",
  },
};

const NUMBER = typescript`number`;

export function workerContributions(facts: Facts): Contribution {
  return {
    packages: [facts.worker.queueOnPostgres ? "pg-boss" : "bullmq"],
    deployTargets: facts.worker.isApp ? [deployTarget("worker", facts.apps.worker, "fly.worker.toml", "web")] : [],
    scaleSteps: [
      {
        app: facts.worker.isProcess ? facts.apps.web : facts.apps.worker,
        group: facts.worker.isProcess ? "worker" : undefined,
        region: facts.primaryRegion,
        count: facts.worker.count,
      },
    ],
    webImports: [
      { names: typescript`{ openQueue }`, from: "../lib/queue.js" },
      { names: typescript`{ jobRoutes }`, from: "./routes/jobs.js" },
    ],
    probes: [{ key: "queue", check: typescript`() => queue.ping()` }],
    partials: ["web-app-open", "web-app-routes", "readme-diagram-primary", "readme-diagram", "readme-behaviour"],
    processes: [
      {
        script: {
          name: "worker",
          command: "node --enable-source-maps dist/worker/main.js",
          readme: "the compiled worker",
        },
        dev: {
          name: "dev:worker",
          command: "tsx watch --env-file=.env src/worker/main.ts",
          readme: "the worker with reload",
          note: "the worker, in a second terminal",
        },
      },
    ],
    env: [
      {
        name: "JOB_TIMEOUT_SECONDS",
        section: "operations",
        doc: [
          "A job's handler is told to stop after this long; at most 40 s, so it ends within the worker's shutdown budget.",
        ],
        zod: typescript`z.coerce.number().int().min(1).max(40).default(30)`,
        field: { key: "jobTimeoutSeconds", type: NUMBER },
        readme: "a job's handler is told to stop after this long (30, at most 40)",
      },
      {
        name: "JOB_RETRY_LIMIT",
        section: "operations",
        doc: ["Retries after a job's first failure; then it goes to the dead-letter queue."],
        zod: typescript`z.coerce.number().int().min(0).max(20).default(5)`,
        field: { key: "jobRetryLimit", type: NUMBER },
        readme: "retries after a job's first failure, then the dead-letter queue (5)",
      },
    ],
  };
}
