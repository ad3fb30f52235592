/** The names and places every template uses: the project, its apps, its regions, its package manager. */
import { PACKAGE_MANAGER_COMMANDS } from "../../src/spec/package-manager.js";
import { REGIONS } from "../../src/spec/regions.js";
import { appNames, SPEC_FILE, type Spec } from "../../src/spec/schema.js";
import { FLYCTL_VERSION, NODE_MAJOR } from "./versions.js";

export function baseFacts(spec: Spec, generatorVersion: string) {
  const apps = appNames(spec);
  return {
    spec,
    generatorVersion,
    specFile: SPEC_FILE,
    name: spec.name,
    org: spec.org,
    apps,
    nodeMajor: NODE_MAJOR,
    primaryRegion: spec.primaryRegion,
    regions: spec.regions,
    regionRows: spec.regions.map((code) => ({
      code,
      city: REGIONS[code],
      isPrimary: code === spec.primaryRegion,
      hasDbReplica: spec.database.replicaRegions.includes(code),
    })),
    secondaryRegions: spec.regions.filter((r) => r !== spec.primaryRegion),
    multiRegion: spec.regions.length > 1,
    pm: PACKAGE_MANAGER_COMMANDS[spec.packageManager],
    flyctl: { version: FLYCTL_VERSION },
    backingServices: spec.database.kind !== "none" || spec.cache.kind !== "none",
    /** Apps that read DATABASE_URL and REDIS_URL: the web tier, and the worker when it is an app of its own. */
    consumerApps: spec.worker.kind === "app" ? [apps.web, apps.worker] : [apps.web],
  };
}
