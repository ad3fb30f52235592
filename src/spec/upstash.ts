/**
 * The Upstash plan a spec runs on. BullMQ polls Redis all the time and pay-as-you-go bills every
 * command, so a queue on Upstash gets the smallest fixed-price plan unless the spec names one.
 */
import { UPSTASH_QUEUE_PLAN } from "./choices.js";
import type { Spec } from "./schema.js";

export function queueOnUpstash(spec: Pick<Spec, "cache" | "worker">): boolean {
  return spec.cache.kind === "upstash" && spec.worker.kind !== "none" && spec.worker.queue === "redis";
}

/** The plan for `fly redis create --plan`, or undefined for flyctl's default, pay-as-you-go. */
export function upstashPlanOf(spec: Pick<Spec, "cache" | "worker">): string | undefined {
  if (spec.cache.kind !== "upstash") return undefined;
  return spec.cache.upstashPlan ?? (queueOnUpstash(spec) ? UPSTASH_QUEUE_PLAN : undefined);
}
