/** The worker on the command line: where it runs, and where its queue lives. */
import type { OptionDef } from "../../src/cli/options.js";

export const WORKER_KINDS = ["app", "process", "none"] as const;
/** pg-boss on Postgres, or BullMQ on Redis. */
export const QUEUE_KINDS = ["postgres", "redis"] as const;

/** With a queue backend to use; with none, the worker is "none" (generators/worker/spec.ts). */
export const WORKER_DEFAULTS = { kind: "app", queue: "postgres" } as const;

export const flags: readonly OptionDef[] = [
  {
    name: "worker",
    type: "string",
    value: `<${WORKER_KINDS.join("|")}>`,
    help: `worker as its own app, a process group, or none (default: ${WORKER_DEFAULTS.kind})`,
    specPath: ["worker", "kind"],
    choices: WORKER_KINDS,
    required: true,
  },
  {
    name: "queue",
    type: "string",
    value: `<${QUEUE_KINDS.join("|")}>`,
    help: `job queue backend (default: ${WORKER_DEFAULTS.queue} when there is a database)`,
    specPath: ["worker", "queue"],
    choices: QUEUE_KINDS,
  },
];
