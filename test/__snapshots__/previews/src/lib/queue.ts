/**
 * The job queue on Postgres (pg-boss). Jobs live in the primary database, so they survive any process.
 *
 * Expiry: pg-boss 10 has no heartbeat. A job is "lost" once it has been active for its
 * `expireInSeconds`: the worker itself gives up on the handler then, and maintenance (every
 * MAINTENANCE_SECONDS) fails it for a retry, whether or not the first handler still runs. So the
 * handler's own deadline (JOB_TIMEOUT_SECONDS, its AbortSignal) comes first, and the expiry is that
 * plus EXPIRY_MARGIN_SECONDS: a job is retried only after its first attempt has stopped, and a job
 * whose worker died comes back within the expiry plus one maintenance interval.
 */
import pg from "pg";
import PgBoss from "pg-boss";
import type { Config } from "./config.js";
import { runAttempt } from "./job-runner.js";
import type { JobHandler, JobQueue, JobRequest, JobView, RunningWorker } from "./jobs.js";
import { JOB_ID } from "./jobs.js";
import type { Logger } from "./logger.js";
import { observePool, observeQueue, unobservePool, unobserveQueue } from "./metrics.js";
import { SHUTDOWN_BUDGETS } from "./shutdown.js";

const QUEUE = "demo";
/** Jobs that failed their last retry wait here (pg-boss's retention: 14 days) to be looked at. */
const DEAD_LETTER_QUEUE = "demo_dead_letter";
const MAINTENANCE_SECONDS = 15;
/** Time for a handler to react to its abort and for its outcome to be written. */
const EXPIRY_MARGIN_SECONDS = 10;
/** A primary that accepts TCP but never answers must not hold a request, a shutdown or a start-up. */
const CONNECTION_TIMEOUT_MS = 5_000;
const QUERY_TIMEOUT_MS = 15_000;

/** Retries with backoff (2 s, 4 s, …), then the dead-letter queue. */
function jobPolicy(config: Config) {
  return {
    retryLimit: config.jobRetryLimit,
    retryDelay: 2,
    retryBackoff: true,
    expireInSeconds: config.jobTimeoutSeconds + EXPIRY_MARGIN_SECONDS,
    deadLetter: DEAD_LETTER_QUEUE,
  };
}

/**
 * pg-boss on a pool of our own: pg-boss's typed options have no connect or query timeout, and a
 * pool we hold is one the metrics can see.
 */
function boss(config: Config, log: Logger, role: string, max: number, options: Partial<PgBoss.ConstructorOptions>) {
  const pool = new pg.Pool({
    connectionString: config.databaseUrl,
    max,
    application_name: `pg-boss ${role}`,
    connectionTimeoutMillis: CONNECTION_TIMEOUT_MS,
    query_timeout: QUERY_TIMEOUT_MS,
  });
  pool.on("error", (error) => log.warn({ err: error }, "idle job queue connection lost"));
  const db: PgBoss.Db = { executeSql: (text, values) => pool.query(text, values) };
  const instance = new PgBoss({ db, schedule: false, migrate: false, ...options });
  instance.on("error", (error) => log.error({ err: error }, "job queue error"));
  const poolName = `queue-${role}`;
  observePool(poolName, pool);
  return {
    instance,
    async close() {
      unobservePool(poolName);
      await pool.end();
    },
  };
}

/** For the release command: pg-boss's schema, the dead-letter queue and our queue with its policy. */
export async function installQueue(config: Config, log: Logger): Promise<void> {
  const { instance, close } = boss(config, log, "migrate", 1, { migrate: true, supervise: false });
  try {
    await instance.start();
    for (const [name, policy] of [
      [DEAD_LETTER_QUEUE, {}],
      [QUEUE, jobPolicy(config)],
    ] as const) {
      if (await instance.getQueue(name)) await instance.updateQueue(name, { name, ...policy });
      else await instance.createQueue(name, { name, ...policy });
    }
    await instance.stop({ graceful: false, wait: true });
  } finally {
    await close();
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

export async function openQueue(config: Config, log: Logger): Promise<JobQueue> {
  // The web tier only sends and looks up jobs; maintenance belongs to the worker.
  const { instance, close } = boss(config, log, "web", 2, { supervise: false });
  // Started on first use, so the web tier starts, and serves reads, while the primary is unreachable.
  let starting: Promise<unknown> | undefined;
  const started = async () => {
    starting ??= instance.start().catch((error: unknown) => {
      starting = undefined;
      throw error;
    });
    await starting;
  };
  const policy = jobPolicy(config);
  return {
    async enqueue(job: JobRequest, id: string) {
      await started();
      // null: a job with this id exists already (ON CONFLICT DO NOTHING), which is the point of the id.
      await instance.send(QUEUE, job, { ...policy, id });
    },
    async find(id) {
      if (!JOB_ID.test(id)) return undefined;
      await started();
      const job = await instance.getJobById<JobRequest>(QUEUE, id, { includeArchive: true });
      if (!job) return undefined;
      const state = STATES[job.state] ?? "failed";
      return { id: job.id, state, ...(state === "completed" ? { result: job.output } : {}) };
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
      if (running) await instance.stop({ graceful: false, wait: true, close: false });
      await close();
    },
  };
}

export async function startWorker(config: Config, log: Logger, handler: JobHandler): Promise<RunningWorker> {
  const { instance, close } = boss(config, log, "worker", 3, {
    supervise: true,
    maintenanceIntervalSeconds: MAINTENANCE_SECONDS,
  });
  try {
    await instance.start();
    const options = { batchSize: 1, pollingIntervalSeconds: 1, includeMetadata: true } as const;
    await instance.work<JobRequest>(QUEUE, options, async ([job]) => {
      if (!job) return undefined;
      const attempt = { id: job.id, data: job.data, final: job.retryCount >= job.retryLimit };
      return runAttempt(log, QUEUE, handler, attempt, config.jobTimeoutSeconds * 1000);
    });
  } catch (error) {
    await close();
    throw error;
  }
  observeQueue(QUEUE, () => instance.getQueueSize(QUEUE));
  return {
    async ping() {
      await instance.getQueue(QUEUE);
    },
    async stop() {
      unobserveQueue(QUEUE);
      // Waits for the running job; one still running after the timeout is failed now and retried later.
      await instance.stop({ graceful: true, wait: true, close: false, timeout: SHUTDOWN_BUDGETS.worker.queueStopMs });
      await close();
    },
  };
}
