/**
 * The background worker: its own Fly app, a process group of the web app, or none, with its job
 * queue on Postgres (pg-boss) or Redis (BullMQ). It needs a queue backend, so its defaults follow
 * the database and the cache: the worker only with one of them, the queue where one exists.
 */
import * as z from "zod/mini";
import { intIn, oneOf, vmSchema } from "../../src/spec/fields.js";
import { checkVm } from "../../src/spec/rules.js";
import { kindOf, type SpecSection, sectionCopy } from "../../src/spec/section.js";
import { appNames } from "../base/spec.js";
import { QUEUE_KINDS, WORKER_DEFAULTS, WORKER_KINDS } from "./options.js";

/** The fields an environment may set as well (generators/environments/spec.ts): one rule for both. */
export const WORKER_FIELDS = { count: intIn(1, 20) };

const fields = {
  worker: z.prefault(
    z.strictObject({
      kind: z._default(oneOf(WORKER_KINDS), WORKER_DEFAULTS.kind),
      queue: z._default(oneOf(QUEUE_KINDS), WORKER_DEFAULTS.queue),
      count: z._default(WORKER_FIELDS.count, 1),
      vm: vmSchema(512),
    }),
    {},
  ),
};

/** The kinds the answers give for the database and the cache, if any. */
type Backends = { database: unknown; cache: unknown };

/** Whether the database or the cache can hold the queue. */
export function hasQueueBackend({ database, cache }: Backends): boolean {
  return database !== "none" || cache !== "none";
}

/** A worker needs somewhere to keep its queue. */
export function defaultWorkerKind(backends: Backends): (typeof WORKER_KINDS)[number] {
  return hasQueueBackend(backends) ? WORKER_DEFAULTS.kind : "none";
}

/** The queue goes to Redis only when there is Redis and no database. */
export function defaultQueue({ database, cache }: Backends): (typeof QUEUE_KINDS)[number] {
  return database === "none" && cache !== "none" ? "redis" : WORKER_DEFAULTS.queue;
}

export const worker: SpecSection<typeof fields> = {
  fields,
  derive(answers) {
    const worker = sectionCopy(answers.worker);
    if (!worker) return answers;
    const backends = { database: kindOf(answers.database), cache: kindOf(answers.cache) };
    worker.kind ??= defaultWorkerKind(backends);
    worker.queue ??= defaultQueue(backends);
    return { ...answers, worker };
  },
  rules({ worker, database, cache }, add) {
    checkVm(add, "worker", worker.vm);
    if (worker.kind === "none") return;
    if (!hasQueueBackend({ database: database.kind, cache: cache.kind })) {
      add(
        ["worker", "kind"],
        worker.kind,
        `worker "${worker.kind}" needs a queue backend, but database and cache are both "none"; add one, or use worker "none"`,
      );
      return;
    }
    if (worker.queue === "postgres" && database.kind === "none") {
      add(
        ["worker", "queue"],
        "postgres",
        `the queue "postgres" needs a database, but database is "none"; use queue "redis" with a cache, or add a database`,
      );
    }
    if (worker.queue === "redis" && cache.kind === "none") {
      add(
        ["worker", "queue"],
        "redis",
        `the queue "redis" needs a cache, but cache is "none"; use queue "postgres" with a database, or add a cache`,
      );
    }
  },
  fileChoices: [
    { path: ["worker", "kind"], values: WORKER_KINDS },
    { path: ["worker", "queue"], values: QUEUE_KINDS },
  ],
  summary(spec) {
    const { worker } = spec;
    if (worker.kind === "none") return [["worker", "none"]];
    const apps = appNames(spec);
    const where = worker.kind === "app" ? `${apps.worker} (own app)` : `process group of ${apps.web}`;
    const queue = worker.queue === "postgres" ? "Postgres (pg-boss)" : "Redis (BullMQ)";
    return [["worker", `${where} in ${spec.primaryRegion}, queue on ${queue}`]];
  },
  flyApps: (spec) => (spec.worker.kind === "app" ? [appNames(spec).worker] : []),
};
