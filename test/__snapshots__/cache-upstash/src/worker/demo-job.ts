/** The sample job: waits `delayMs` (standing in for real work) and echoes its payload. */
import { setTimeout as sleep } from "node:timers/promises";
import type { JobRequest } from "../lib/jobs.js";

export async function runDemoJob(
  job: JobRequest,
  id: string,
): Promise<{ id: string; echo: unknown; finishedAt: string }> {
  await sleep(job.delayMs);
  return { id, echo: job.payload ?? null, finishedAt: new Date().toISOString() };
}
