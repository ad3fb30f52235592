/**
 * The job queue on Redis (BullMQ). A worker holds a lock on its job and renews it while it runs; a
 * worker that dies stops renewing, and once the lock has expired the stalled-job check (every LOCK_MS)
 * puts the job back in the queue. Keep Redis eviction off: an evicted key is a lost job.
 *
 * Dead letters: a job that failed its last attempt stays in BullMQ's failed set for
 * `removeOnFail.age`, where it can be inspected and retried (`job.retry()`); the worker logs it
 * with `alert: "job_dead_lettered"`.
 */
import { Queue, Worker } from "bullmq";
import type { RedisOptions } from "ioredis";
import type { Config } from "./config.js";
import { within } from "./deadline.js";
import { runAttempt } from "./job-runner.js";
import { JOB_ID, type JobHandler, type JobQueue, type JobRequest, type JobView, type RunningWorker } from "./jobs.js";
import type { Logger } from "./logger.js";
import { observeQueue, unobserveQueue } from "./metrics.js";
import { closeRedis, connectRedis } from "./redis.js";
import { SHUTDOWN_BUDGETS } from "./shutdown.js";

const QUEUE = "demo";
/** Renewed every LOCK_MS / 2 while a job runs; a dead worker's job is back in the queue within about 2 × LOCK_MS. */
const LOCK_MS = 10_000;

/** Retries with backoff (2 s, 4 s, …); an idempotency key is honoured as long as its job is kept. */
function jobOptions(config: Config) {
  return {
    attempts: config.jobRetryLimit + 1,
    backoff: { type: "exponential", delay: 2_000 },
    removeOnComplete: { age: 24 * 3600 },
    removeOnFail: { age: 7 * 24 * 3600 },
  };
}

/**
 * What a Queue or Worker of ours needs: a connection, and the prefix of its keys. BullMQ refuses a
 * connection with an ioredis keyPrefix and prefixes every key itself, so REDIS_KEY_PREFIX goes in
 * front of BullMQ's default prefix, "bull": with none, the keys are BullMQ's usual ones.
 */
function bullmqRedis(config: Config, log: Logger, overrides: RedisOptions = {}) {
  return {
    connection: connectRedis(config, log, { ...overrides, keyPrefix: "" }),
    prefix: `${config.redisKeyPrefix}bull`,
  };
}

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
  const redis = bullmqRedis(config, log);
  const { connection } = redis;
  const queue = new Queue<JobRequest>(QUEUE, { ...redis, defaultJobOptions: jobOptions(config) });
  queue.on("error", (error) => log.warn({ err: error }, "job queue error"));
  return {
    async enqueue(job, id) {
      // BullMQ's own ids count up from 1, so anyone could read anyone's job; ours are UUIDs. Adding
      // an id that exists keeps the existing job.
      await queue.add(job.type, job, { jobId: id });
    },
    async find(id) {
      if (!JOB_ID.test(id)) return undefined;
      const job = await queue.getJob(id);
      if (!job) return undefined;
      const state = viewState(await job.getState(), job.attemptsMade);
      if (!state) return undefined;
      return { id, state, ...(state === "completed" ? { result: job.returnvalue } : {}) };
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
  const redis = bullmqRedis(config, log, { maxRetriesPerRequest: null, enableOfflineQueue: true });
  const { connection } = redis;
  const worker = new Worker<JobRequest>(
    QUEUE,
    (job) => {
      // attemptsMade counts the attempts that failed before this one.
      const attempt = { id: job.id ?? "", data: job.data, final: job.attemptsMade + 1 >= (job.opts.attempts ?? 1) };
      return runAttempt(log, QUEUE, handler, attempt, config.jobTimeoutSeconds * 1000);
    },
    { ...redis, concurrency: 1, lockDuration: LOCK_MS, stalledInterval: LOCK_MS, maxStalledCount: 2 },
  );
  worker.on("error", (error) => log.warn({ err: error }, "worker error"));
  await worker.waitUntilReady();
  const queue = new Queue(QUEUE, redis);
  observeQueue(QUEUE, () => queue.getWaitingCount());
  return {
    async ping() {
      // This connection queues commands while Redis is away, so its status is the answer.
      if (!worker.isRunning() || connection.status !== "ready") throw new Error("the job queue is not connected");
      await connection.ping();
    },
    async stop() {
      unobserveQueue(QUEUE);
      // Waits for the running job; one still running after the budget is left to the stalled-job check.
      await within(worker.close(), SHUTDOWN_BUDGETS.worker.queueStopMs, "finishing the running job").catch(
        (error: unknown) => {
          log.warn({ err: error }, "the running job goes back to the queue");
          return worker.close(true);
        },
      );
      await queue.close();
      await closeRedis(connection);
    },
  };
}
