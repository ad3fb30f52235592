/** A plain-text account of what a spec builds: shown before confirming and in --dry-run. */
import { appNames, type Spec } from "../spec/schema.js";
import { queueOnUpstash, upstashPlanOf } from "../spec/upstash.js";

export function topologyLines(spec: Spec): string[] {
  const apps = appNames(spec);
  const others = spec.regions.filter((r) => r !== spec.primaryRegion);
  const lines = [
    `web       ${apps.web} in ${spec.primaryRegion} (primary)${others.length ? `, ${others.join(", ")}` : ""}; ${spec.web.machinesPerRegion} Machine(s) per region`,
  ];
  const db = spec.database;
  if (db.kind === "postgres") {
    const replicas = db.replicaRegions.length
      ? `, read replicas in ${db.replicaRegions.join(", ")}`
      : ", no read replicas";
    const members = db.primaryMembers >= 3 ? `${db.primaryMembers} members` : "1 member (no failover)";
    lines.push(`database  ${apps.db}: Fly Postgres (unmanaged), ${members} in ${spec.primaryRegion}${replicas}`);
  } else if (db.kind === "mpg") {
    lines.push(`database  ${apps.db}: Managed Postgres in ${spec.primaryRegion}`);
  } else {
    lines.push("database  none");
  }
  const cache = spec.cache;
  if (cache.kind === "upstash") lines.push(`cache     ${apps.redis}: Upstash Redis, ${upstashPlanText(spec)}`);
  else if (cache.kind === "redis-app")
    lines.push(`cache     ${apps.redis}: Redis app on a volume in ${spec.primaryRegion}`);
  else lines.push("cache     none");
  const worker = spec.worker;
  if (worker.kind === "none") lines.push("worker    none");
  else {
    const where = worker.kind === "app" ? `${apps.worker} (own app)` : `process group of ${apps.web}`;
    lines.push(
      `worker    ${where} in ${spec.primaryRegion}, queue on ${worker.queue === "postgres" ? "Postgres (pg-boss)" : "Redis (BullMQ)"}`,
    );
  }
  lines.push(`org       ${spec.org}`);
  return lines;
}

function upstashPlanText(spec: Spec): string {
  const plan = upstashPlanOf(spec) ?? "Pay-as-you-go";
  if (!queueOnUpstash(spec)) return `plan ${plan}`;
  return plan === "Pay-as-you-go"
    ? "plan Pay-as-you-go: BullMQ polls Redis, and every poll is a billed command"
    : `plan ${plan} (fixed price: BullMQ polls Redis, pay-as-you-go would bill every poll)`;
}

/** The Fly apps that scripts/bootstrap.sh will create (Upstash and Managed Postgres are not apps). */
export function flyApps(spec: Spec): string[] {
  const apps = appNames(spec);
  return [
    apps.web,
    ...(spec.worker.kind === "app" ? [apps.worker] : []),
    ...(spec.database.kind === "postgres" ? [apps.db] : []),
    ...(spec.cache.kind === "redis-app" ? [apps.redis] : []),
  ];
}
