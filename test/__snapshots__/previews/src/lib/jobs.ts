/**
 * The job contract shared by the web tier (which enqueues) and the worker (which runs jobs).
 *
 * A job can run more than once: after its worker was killed, after it timed out, or when a retry
 * follows a failure whose effects were partly done. So **every handler must be idempotent**: running
 * it twice for the same job id has the effect of running it once (write with `ON CONFLICT (job_id)
 * DO NOTHING`, key side effects on the job id, check before you send). A handler is also given an
 * AbortSignal that fires when its time is up or the worker stops: stop the work then, so a retry
 * never runs while the first attempt still does.
 */
import { createHash, randomUUID } from "node:crypto";
import { z } from "zod";

export const jobRequest = z.strictObject({
  type: z.literal("demo"),
  delayMs: z.number().int().min(0).max(20_000).default(0),
  payload: z.json().optional(),
});
export type JobRequest = z.infer<typeof jobRequest>;

export type JobState = "created" | "retry" | "active" | "completed" | "failed";

/**
 * What a caller may see of a job. A failure's message is not part of it: it can carry internals
 * (SQL, hosts, stack traces); the worker logs it with the job id instead.
 */
export interface JobView {
  id: string;
  state: JobState;
  /** What the worker returned, once completed. */
  result?: unknown;
}

/** Job ids are UUIDs: random, or derived from an idempotency key; nothing else names a job. */
export const JOB_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An Idempotency-Key header: 1 to 255 visible ASCII characters (a random UUID is a good one). */
export const idempotencyKey = z.string().regex(/^[\x21-\x7e]{1,255}$/, "expected 1 to 255 visible ASCII characters");

/**
 * The id of a new job: random, or, for an idempotency key, a UUID taken from the key's SHA-256, so
 * the same key names the same job on every Machine while the key itself is not stored or shown.
 * Keys are global, not per client: clients should use random ones.
 */
export function newJobId(key?: string): string {
  if (key === undefined) return randomUUID();
  const hex = createHash("sha256").update(`job:${key}`).digest("hex");
  // Version 8 (custom) and the RFC 9562 variant, so it is a well-formed UUID.
  const variant = ((Number.parseInt(hex[16] ?? "0", 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The web tier's side of the queue. */
export interface JobQueue {
  /** Enqueues under `id`; a job that already has this id is kept as it is (idempotent). */
  enqueue(job: JobRequest, id: string): Promise<void>;
  find(id: string): Promise<JobView | undefined>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** `signal` aborts when the job's time is up or the worker stops; the handler must stop then. */
export type JobHandler = (job: JobRequest, id: string, signal: AbortSignal) => Promise<unknown>;

/**
 * The worker's side: stop() takes no new jobs and lets the current one finish or go back to the
 * queue; ping() fails when the queue's connection is gone (the worker's health check).
 */
export interface RunningWorker {
  ping(): Promise<void>;
  stop(): Promise<void>;
}
