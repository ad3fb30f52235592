/** The worker as templates see it: an app of its own or a process group, and where its queue lives. */
import type { Spec } from "../../src/spec/schema.js";
import { vmFacts } from "../base/vm.js";

export function workerFacts(spec: Spec) {
  const worker = spec.worker;
  const enabled = worker.kind !== "none";
  return {
    worker: {
      ...worker,
      vm: vmFacts(worker.vm),
      enabled,
      isApp: worker.kind === "app",
      isProcess: worker.kind === "process",
      queueOnPostgres: enabled && worker.queue === "postgres",
      queueOnRedis: enabled && worker.queue === "redis",
    },
  };
}
