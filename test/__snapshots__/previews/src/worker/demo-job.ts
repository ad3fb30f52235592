/**
 * The sample job: waits `delayMs` (standing in for real work) and echoes its payload. Idempotent, as
 * every handler must be (lib/jobs.ts): it has no side effect, and its result depends only on the job.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { JobRequest } from "../lib/jobs.js";

export async function runDemoJob(
  job: JobRequest,
  id: string,
  signal: AbortSignal,
): Promise<{ id: string; echo: unknown }> {
  // Rejects when the job's time is up or the worker stops, ending the work with the attempt.
  await sleep(job.delayMs, undefined, { signal });
  return { id, echo: job.payload ?? null };
}
