/**
 * The database: Fly Postgres is Machines and a volume per member (the primary region's members and
 * one replica per replica region), all running all month; Managed Postgres is its plan plus the
 * storage provisioned for the cluster.
 */
import type { Region } from "../../src/spec/regions.js";
import { appNames } from "../base/spec.js";
import { type ComponentCost, type CostLine, fixedLine, machinesLine, volumesLine } from "../cost/lines.js";
import { USAGE_RATES, type UsageRate } from "../cost/prices.js";
import type { MPG_PLANS } from "./options.js";

/** Fly Postgres archives its WAL to a bucket of its own (`--enable-backups`). */
const WAL_BACKUPS: UsageRate = {
  what: "Fly Postgres WAL backups in a Tigris bucket (storage and requests)",
  rate: "Tigris list prices, on the Fly invoice",
  source: "tigris",
};

/** Managed Postgres: the plan, plus provisioned storage "for a 30-day month"; no regional prices are published. */
const MPG_PRICE: { plans: Readonly<Record<(typeof MPG_PLANS)[number], number>>; storageUsdPerGbMonth: number } = {
  plans: { basic: 38, starter: 72, launch: 282, scale: 962, performance: 1922 },
  storageUsdPerGbMonth: 0.28,
};

export const databaseCost: ComponentCost = {
  part: "services",
  estimate(spec) {
    const db = spec.database;
    const app = appNames(spec).db;
    if (db.kind === "none") return { lines: [], usage: [] };
    if (db.kind === "mpg") {
      const plan = fixedLine({
        component: "database",
        app,
        resource: "plan",
        region: spec.primaryRegion,
        what: `Managed Postgres "${db.mpgPlan}" plan`,
        count: 1,
        unitUsd: MPG_PRICE.plans[db.mpgPlan],
        basis: "the plan's monthly price: CPU, memory, high availability, backups and pooling",
        source: "mpg",
      });
      const storage = fixedLine({
        component: "database",
        app,
        resource: "storage",
        region: spec.primaryRegion,
        what: `${db.volumeSizeGb} GB storage`,
        count: db.volumeSizeGb,
        unitUsd: MPG_PRICE.storageUsdPerGbMonth,
        basis: `${db.volumeSizeGb} GB provisioned × $${MPG_PRICE.storageUsdPerGbMonth} per GB for a 30-day month`,
        source: "mpg",
      });
      return { lines: [plan, storage], usage: [] };
    }
    const members: [Region, number][] = [
      [spec.primaryRegion, db.primaryMembers],
      ...db.replicaRegions.map((region): [Region, number] => [region, 1]),
    ];
    const lines: CostLine[] = members.flatMap(([region, count]) => [
      machinesLine({
        component: "database",
        app,
        region,
        vm: db.vm,
        count,
        alwaysOn: count,
        running: region === spec.primaryRegion ? "Postgres members run all month" : "a read replica runs all month",
        label: region === spec.primaryRegion ? "Postgres" : "Postgres replica",
      }),
      volumesLine({ component: "database", app, region, count, sizeGb: db.volumeSizeGb }),
    ]);
    return { lines, usage: [USAGE_RATES.snapshots, WAL_BACKUPS] };
  },
};
