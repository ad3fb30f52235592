/** The cache as templates see it: Upstash or a Redis app of our own, and what a queue in it needs. */
import type { Spec } from "../../src/spec/schema.js";
import { vmFacts } from "../base/vm.js";
import { queueOnUpstash, upstashPlanOf } from "./spec.js";

export function cacheFacts(spec: Spec) {
  const cache = spec.cache;
  const queueInRedis = spec.worker.kind !== "none" && spec.worker.queue === "redis";
  const upstashPlan = upstashPlanOf(spec) ?? "";
  return {
    cache: {
      ...cache,
      vm: vmFacts(cache.vm),
      enabled: cache.kind !== "none",
      isUpstash: cache.kind === "upstash",
      isRedisApp: cache.kind === "redis-app",
      /** The plan `fly redis create --plan` gets, or "" for flyctl's default, pay-as-you-go. */
      upstashPlan,
      /** Upstash's fixed-price plans are named "Fixed <size>" (flyctl's isFixedPlan checks the same prefix). */
      upstashFixedPlan: upstashPlan.startsWith("Fixed "),
      /** BullMQ polls Redis: on pay-as-you-go every poll is a billed command. */
      upstashQueue: queueOnUpstash(spec),
      /** An evicted queue key is a lost job: eviction stays off when the queue lives in Redis. */
      evictionAllowed: !queueInRedis,
      hasReplicas: cache.replicaRegions.length > 0,
      /** The Redis app's policy, and its durability: a queue must survive a restart, a cache need not. */
      maxmemoryPolicy: queueInRedis ? "noeviction" : "allkeys-lru",
      appendOnly: queueInRedis ? "yes" : "no",
      volumeSize: `${cache.volumeSizeGb}gb`,
    },
  };
}
