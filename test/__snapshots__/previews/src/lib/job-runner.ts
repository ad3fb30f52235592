/** One attempt of a job, as both queue backends run it: its deadline, its logs and metrics, the alert. */
import type { JobHandler, JobRequest } from "./jobs.js";
import type { Logger } from "./logger.js";
import { jobDuration, jobFailures } from "./metrics.js";

export interface Attempt {
  id: string;
  data: JobRequest;
  /** No retry is left if this attempt fails: the job then goes to the dead-letter queue. */
  final: boolean;
}

export async function runAttempt(
  log: Logger,
  queue: string,
  handler: JobHandler,
  attempt: Attempt,
  timeoutMs: number,
): Promise<unknown> {
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  log.info({ jobId: attempt.id }, "job started");
  try {
    const result = await handler(attempt.data, attempt.id, AbortSignal.timeout(timeoutMs));
    jobDuration.observe({ queue, outcome: "completed" }, seconds());
    log.info({ jobId: attempt.id }, "job completed");
    return result;
  } catch (error) {
    jobDuration.observe({ queue, outcome: "failed" }, seconds());
    jobFailures.inc({ queue, final: String(attempt.final) });
    if (attempt.final) {
      // The line to alert on (Fly's log search, or a log drain): nothing retries this job again.
      log.error({ jobId: attempt.id, err: error, alert: "job_dead_lettered" }, "job failed for good: dead-lettered");
    } else {
      log.warn({ jobId: attempt.id, err: error }, "job failed: it will be retried");
    }
    throw error;
  }
}
