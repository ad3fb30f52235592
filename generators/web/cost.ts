/**
 * The web tier's Machines, region by region. With auto-stop, Fly keeps min_machines_running started
 * in the primary region only: that is the floor; the others start on demand and are billed per
 * second while started, so the ceiling counts them all month.
 */
import { appNames } from "../base/spec.js";
import { type ComponentCost, machinesLine } from "../cost/lines.js";
import type { UsageRate } from "../cost/prices.js";

const STOPPED_ROOTFS: UsageRate = {
  what: "the root file system of each web Machine while it is stopped or suspended (about the image's size)",
  rate: "$0.15 per GB per 30 days",
  source: "billing",
};

export const webCost: ComponentCost = {
  part: "app",
  estimate(spec) {
    const { machinesPerRegion: count, autoStop, minMachinesRunning, vm } = spec.web;
    const app = appNames(spec).web;
    const lines = spec.regions.map((region) => {
      if (autoStop === "off") {
        return machinesLine({
          component: "web",
          app,
          region,
          vm,
          count,
          alwaysOn: count,
          running: "auto-stop is off: they run all month",
        });
      }
      const alwaysOn = region === spec.primaryRegion ? minMachinesRunning : 0;
      const kept =
        region !== spec.primaryRegion
          ? "none kept running (min_machines_running applies in the primary region only)"
          : alwaysOn > 0
            ? `${alwaysOn} kept running by min_machines_running (it applies in the primary region)`
            : "none kept running (min_machines_running is 0)";
      const onDemand =
        count > alwaysOn
          ? `; ${count - alwaysOn} started on demand and ${autoStop === "suspend" ? "suspended" : "stopped"} when idle, billed per second while started`
          : "";
      return machinesLine({ component: "web", app, region, vm, count, alwaysOn, running: kept + onDemand });
    });
    return { lines, usage: autoStop === "off" ? [] : [STOPPED_ROOTFS] };
  },
};
