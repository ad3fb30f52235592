/** The Machines scripts/bootstrap.sh scales, region by region. */
import { appNames, type Spec } from "../../src/spec/schema.js";

/** Machines one `fly scale count` sets: one region per command, as a region list would be a total. */
export interface ScaleStep {
  app: string;
  /** Set only when the app's fly.toml has [processes]; otherwise flyctl's default group applies. */
  group: string | undefined;
  region: string;
  count: number;
}

function scaleSteps(spec: Spec): ScaleStep[] {
  const apps = appNames(spec);
  const processGroups = spec.worker.kind === "process";
  const steps: ScaleStep[] = spec.regions.map((region) => ({
    app: apps.web,
    group: processGroups ? "web" : undefined,
    region,
    count: spec.web.machinesPerRegion,
  }));
  if (spec.worker.kind !== "none") {
    steps.push({
      app: processGroups ? apps.web : apps.worker,
      group: processGroups ? "worker" : undefined,
      region: spec.primaryRegion,
      count: spec.worker.count,
    });
  }
  return steps;
}

export function bootstrapFacts(spec: Spec) {
  return { scaleSteps: scaleSteps(spec) };
}
