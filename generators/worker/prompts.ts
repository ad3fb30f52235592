/**
 * Asks where the worker runs, when there is a backend for its queue, and where the queue lives,
 * when both the database and the cache could hold it.
 */
import { answered, type PromptSection } from "../../src/cli/prompting.js";
import { kindOf } from "../../src/spec/section.js";
import { defaultQueue, defaultWorkerKind, hasQueueBackend } from "./spec.js";

export const worker: PromptSection = {
  async ask(answers, { prompts }) {
    const worker = { ...answers.worker };
    const backends = { database: kindOf(answers.database), cache: kindOf(answers.cache) };
    worker.kind ??= hasQueueBackend(backends)
      ? answered(
          await prompts.select({
            message: "Background worker",
            options: [
              { value: "app" as const, label: "Its own Fly app", hint: "deployed and scaled on its own" },
              { value: "process" as const, label: "A process group of the web app", hint: "one app, one deploy" },
              { value: "none" as const, label: "None" },
            ],
            initialValue: defaultWorkerKind(backends),
          }),
        )
      : defaultWorkerKind(backends);
    if (worker.kind !== "none" && worker.queue === undefined) {
      worker.queue =
        backends.database !== "none" && backends.cache !== "none"
          ? answered(
              await prompts.select({
                message: "Job queue",
                options: [
                  { value: "postgres" as const, label: "Postgres (pg-boss)" },
                  { value: "redis" as const, label: "Redis (BullMQ)", hint: "turns cache eviction off" },
                ],
                initialValue: defaultQueue(backends),
              }),
            )
          : defaultQueue(backends);
    }
    answers.worker = worker;
  },
};
