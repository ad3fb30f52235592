/**
 * The worker's Machines in the primary region, next to the queue. It takes no traffic, so nothing
 * stops it ([[restart]] policy "always"): they run all month, as an app of their own or as the
 * worker process group of the web app.
 */
import { appNames } from "../base/spec.js";
import { type ComponentCost, machinesLine } from "../cost/lines.js";

export const workerCost: ComponentCost = {
  part: "app",
  estimate(spec) {
    const { kind, count, vm } = spec.worker;
    if (kind === "none") return { lines: [], usage: [] };
    const apps = appNames(spec);
    const line = machinesLine({
      component: "worker",
      app: kind === "app" ? apps.worker : apps.web,
      region: spec.primaryRegion,
      vm,
      count,
      alwaysOn: count,
      running: "no auto-stop without an http_service: they run all month",
      label: kind === "process" ? "worker process group" : undefined,
    });
    return { lines: [line], usage: [] };
  },
};
