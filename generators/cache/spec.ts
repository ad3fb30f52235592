/**
 * The cache: Upstash Redis (managed, with read replicas in other regions and a plan), a Redis app of
 * our own on a Fly Volume, or none.
 */
import * as z from "zod/mini";
import { intIn, oneOf, replicaRegions, vmSchema } from "../../src/spec/fields.js";
import { checkReplicaRegions, checkVm } from "../../src/spec/rules.js";
import type { Spec } from "../../src/spec/schema.js";
import { type SpecSection, sectionCopy } from "../../src/spec/section.js";
import { appNames } from "../base/spec.js";
import { CACHE_DEFAULTS, CACHE_KINDS, UPSTASH_PLANS, UPSTASH_QUEUE_PLAN } from "./options.js";

const fields = {
  cache: z.prefault(
    z.strictObject({
      kind: z._default(oneOf(CACHE_KINDS), CACHE_DEFAULTS.kind),
      replicaRegions: replicaRegions(),
      volumeSizeGb: z._default(intIn(1, 500), 1),
      upstashPlan: z.optional(oneOf(UPSTASH_PLANS)),
      vm: vmSchema(512),
    }),
    {},
  ),
};

export const cache: SpecSection<typeof fields> = {
  fields,
  derive(answers) {
    const cache = sectionCopy(answers.cache);
    if (!cache) return answers;
    cache.kind ??= CACHE_DEFAULTS.kind;
    return { ...answers, cache };
  },
  rules(spec, add) {
    const cache = spec.cache;
    if (cache.kind !== "upstash" && cache.replicaRegions.length > 0) {
      add(
        ["cache", "replicaRegions"],
        cache.replicaRegions,
        `only cache "upstash" has read replicas (${cache.replicaRegions.join(", ")}); cache is "${cache.kind}"`,
      );
    } else {
      checkReplicaRegions(add, ["cache", "replicaRegions"], cache.replicaRegions, spec.regions, spec.primaryRegion);
    }
    if (cache.upstashPlan !== undefined && cache.kind !== "upstash") {
      add(["cache", "upstashPlan"], cache.upstashPlan, `a plan is for cache "upstash"; cache is "${cache.kind}"`);
    }
    checkVm(add, "cache", cache.vm);
  },
  fileChoices: [{ path: ["cache", "kind"], values: CACHE_KINDS }],
  summary(spec) {
    const app = appNames(spec).redis;
    if (spec.cache.kind === "upstash") return [["cache", `${app}: Upstash Redis, ${upstashPlanText(spec)}`]];
    if (spec.cache.kind === "redis-app") return [["cache", `${app}: Redis app on a volume in ${spec.primaryRegion}`]];
    return [["cache", "none"]];
  },
  // Upstash is no app of ours.
  flyApps: (spec) => (spec.cache.kind === "redis-app" ? [appNames(spec).redis] : []),
};

function upstashPlanText(spec: Spec): string {
  const plan = upstashPlanOf(spec) ?? "Pay-as-you-go";
  if (!queueOnUpstash(spec)) return `plan ${plan}`;
  return plan === "Pay-as-you-go"
    ? "plan Pay-as-you-go: BullMQ polls Redis, and every poll is a billed command"
    : `plan ${plan} (fixed price: BullMQ polls Redis, pay-as-you-go would bill every poll)`;
}

/**
 * BullMQ polls Redis all the time and pay-as-you-go bills every command, so a queue on Upstash gets
 * the smallest fixed-price plan unless the spec names one.
 */
export function queueOnUpstash(spec: Pick<Spec, "cache" | "worker">): boolean {
  return spec.cache.kind === "upstash" && spec.worker.kind !== "none" && spec.worker.queue === "redis";
}

/** The plan for `fly redis create --plan`, or undefined for flyctl's default, pay-as-you-go. */
export function upstashPlanOf(spec: Pick<Spec, "cache" | "worker">): string | undefined {
  if (spec.cache.kind !== "upstash") return undefined;
  return spec.cache.upstashPlan ?? (queueOnUpstash(spec) ? UPSTASH_QUEUE_PLAN : undefined);
}
