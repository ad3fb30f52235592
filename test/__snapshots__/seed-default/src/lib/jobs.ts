/** The job contract shared by the web tier (which enqueues) and the worker (which runs jobs). */
import { z } from "zod";

/**
 * A job may run this long. The queue treats a job still running past its deadline as lost (its worker
 * was killed) and retries it, so the deadline is also how soon a lost job comes back.
 */
export const JOB_DEADLINE_SECONDS = 30;

export const jobRequest = z.strictObject({
  type: z.literal("demo"),
  delayMs: z
    .number()
    .int()
    .min(0)
    .max((JOB_DEADLINE_SECONDS - 10) * 1000)
    .default(0),
  payload: z.json().optional(),
});
export type JobRequest = z.infer<typeof jobRequest>;

export type JobState = "created" | "retry" | "active" | "completed" | "failed";

export interface JobView {
  id: string;
  state: JobState;
  /** What the worker returned, once completed. */
  result?: unknown;
  /** Why the last attempt failed. */
  error?: string;
}

/** The web tier's side of the queue. */
export interface JobQueue {
  enqueue(job: JobRequest): Promise<string>;
  find(id: string): Promise<JobView | undefined>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export type JobHandler = (job: JobRequest, id: string) => Promise<unknown>;

/** The worker's side: stop() takes no new jobs and lets the current one finish or go back to the queue. */
export interface RunningWorker {
  stop(): Promise<void>;
}
