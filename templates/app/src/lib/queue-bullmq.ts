/**
 * The job queue on Redis (BullMQ). A worker holds a lock on its job and renews it while it runs; a
 * worker that dies stops renewing, and once the lock has expired the stalled-job check (every LOCK_MS)
 * puts the job back in the queue. Keep Redis eviction off: an evicted key is a lost job.
 */
import { Queue, Worker } from "bullmq";
import type { Config } from "./config.js";
import type { JobHandler, JobQueue, JobRequest, JobView, RunningWorker } from "./jobs.js";
import type { Logger } from "./logger.js";
import { closeRedis, connectRedis } from "./redis.js";

const QUEUE = "demo";
/** Renewed every LOCK_MS / 2 while a job runs; a dead worker's job is back in the queue within about 2 × LOCK_MS. */
const LOCK_MS = 10_000;

const JOB_OPTIONS = {
  attempts: 6,
  backoff: { type: "exponential", delay: 2_000 },
  removeOnComplete: { age: 24 * 3600 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

function viewState(state: string, attemptsMade: number): JobView["state"] | undefined {
  switch (state) {
    case "waiting":
    case "prioritized":
    case "waiting-children":
      return "created";
    case "delayed":
      return attemptsMade > 0 ? "retry" : "created";
    case "active":
    case "completed":
    case "failed":
      return state;
    default:
      return undefined;
  }
}

export async function openQueue(config: Config, log: Logger): Promise<JobQueue> {
  // Producers fail fast while Redis is down (the connection's offline queue is off).
  const connection = connectRedis(config, log);
  const queue = new Queue<JobRequest>(QUEUE, { connection, defaultJobOptions: JOB_OPTIONS });
  queue.on("error", (error) => log.warn({ err: error }, "job queue error"));
  return {
    async enqueue(job) {
      const added = await queue.add(job.type, job);
      if (!added.id) throw new Error("the job queue returned no id");
      return added.id;
    },
    async find(id) {
      const job = await queue.getJob(id);
      if (!job) return undefined;
      const state = viewState(await job.getState(), job.attemptsMade);
      if (!state) return undefined;
      return {
        id,
        state,
        ...(state === "completed" ? { result: job.returnvalue } : {}),
        ...(state !== "completed" && job.failedReason ? { error: job.failedReason } : {}),
      };
    },
    async ping() {
      await connection.ping();
    },
    async close() {
      // BullMQ leaves a connection it was given open.
      await queue.close();
      await closeRedis(connection);
    },
  };
}

export async function startWorker(config: Config, log: Logger, handler: JobHandler): Promise<RunningWorker> {
  // BullMQ's blocking commands need a connection that waits for Redis rather than failing fast.
  const connection = connectRedis(config, log, { maxRetriesPerRequest: null, enableOfflineQueue: true });
  const worker = new Worker<JobRequest>(
    QUEUE,
    async (job) => {
      log.info({ jobId: job.id }, "job started");
      const result = await handler(job.data, job.id ?? "");
      log.info({ jobId: job.id }, "job completed");
      return result;
    },
    { connection, concurrency: 1, lockDuration: LOCK_MS, stalledInterval: LOCK_MS, maxStalledCount: 2 },
  );
  worker.on("error", (error) => log.warn({ err: error }, "worker error"));
  worker.on("failed", (job, error) => log.warn({ jobId: job?.id, err: error }, "job failed"));
  await worker.waitUntilReady();
  return {
    async stop() {
      // Waits for the running job to finish.
      await worker.close();
      await closeRedis(connection);
    },
  };
}
