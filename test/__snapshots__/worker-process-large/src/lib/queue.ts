/**
 * The job queue on Postgres (pg-boss). Jobs live in the primary database, so they survive any process.
 * pg-boss 10 has no heartbeat: a job whose worker dies stays "active" until its expiry, and then
 * maintenance (every MAINTENANCE_SECONDS) hands it back for a retry.
 */
import PgBoss from "pg-boss";
import type { Config } from "./config.js";
import {
  JOB_DEADLINE_SECONDS,
  type JobHandler,
  type JobQueue,
  type JobRequest,
  type JobView,
  type RunningWorker,
} from "./jobs.js";
import type { Logger } from "./logger.js";

const QUEUE = "demo";
const MAINTENANCE_SECONDS = 15;

/** Retries with backoff (2 s, 4 s, …); pg-boss's default 15-minute expiry would strand a lost job. */
const JOB_POLICY = { retryLimit: 5, retryDelay: 2, retryBackoff: true, expireInSeconds: JOB_DEADLINE_SECONDS };

function boss(config: Config, log: Logger, options: Partial<PgBoss.ConstructorOptions>): PgBoss {
  const instance = new PgBoss({ connectionString: config.databaseUrl, schedule: false, migrate: false, ...options });
  instance.on("error", (error) => log.error({ err: error }, "job queue error"));
  return instance;
}

/** For the release command: pg-boss's schema and our queue with its policy (both idempotent). */
export async function installQueue(config: Config, log: Logger): Promise<void> {
  const instance = boss(config, log, { migrate: true, supervise: false, max: 1 });
  await instance.start();
  try {
    if (await instance.getQueue(QUEUE)) await instance.updateQueue(QUEUE, { name: QUEUE, ...JOB_POLICY });
    else await instance.createQueue(QUEUE, { name: QUEUE, ...JOB_POLICY });
  } finally {
    await instance.stop({ graceful: false, wait: true });
  }
}

const STATES: Record<string, JobView["state"]> = {
  created: "created",
  retry: "retry",
  active: "active",
  completed: "completed",
  cancelled: "failed",
  failed: "failed",
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function openQueue(config: Config, log: Logger): Promise<JobQueue> {
  // The web tier only sends and looks up jobs; maintenance belongs to the worker.
  const instance = boss(config, log, { supervise: false, max: 2 });
  // Started on first use, so the web tier starts, and serves reads, while the primary is unreachable.
  let starting: Promise<unknown> | undefined;
  const started = async () => {
    starting ??= instance.start().catch((error: unknown) => {
      starting = undefined;
      throw error;
    });
    await starting;
  };
  return {
    async enqueue(job: JobRequest) {
      await started();
      const id = await instance.send(QUEUE, job, JOB_POLICY);
      if (!id) throw new Error("the job queue refused the job");
      return id;
    },
    async find(id) {
      if (!UUID.test(id)) return undefined;
      await started();
      const job = await instance.getJobById<JobRequest>(QUEUE, id, { includeArchive: true });
      if (!job) return undefined;
      const output = job.output as { message?: string } | null;
      const state = STATES[job.state] ?? "failed";
      return {
        id: job.id,
        state,
        ...(state === "completed" ? { result: output } : {}),
        ...(state !== "completed" && output?.message ? { error: output.message } : {}),
      };
    },
    async ping() {
      await started();
      if (!(await instance.getQueue(QUEUE))) throw new Error(`queue ${QUEUE} is missing: run the migrations`);
    },
    async close() {
      const running = await starting?.then(
        () => true,
        () => false,
      );
      if (running) await instance.stop({ graceful: false, wait: true });
    },
  };
}

export async function startWorker(config: Config, log: Logger, handler: JobHandler): Promise<RunningWorker> {
  const instance = boss(config, log, { supervise: true, maintenanceIntervalSeconds: MAINTENANCE_SECONDS });
  await instance.start();
  await instance.work<JobRequest>(QUEUE, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
    if (!job) return undefined;
    log.info({ jobId: job.id }, "job started");
    const result = await handler(job.data, job.id);
    log.info({ jobId: job.id }, "job completed");
    return result;
  });
  return {
    // Waits for the running job; one still running after the timeout is failed now and retried later.
    stop: () => instance.stop({ graceful: true, wait: true, timeout: 45_000 }),
  };
}
