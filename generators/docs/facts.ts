/** The regions as the README's diagram and table show them. */
import { REGIONS } from "../../src/spec/regions.js";
import type { Spec } from "../../src/spec/schema.js";

export function docsFacts(spec: Spec) {
  return {
    regionRows: spec.regions.map((code) => ({
      code,
      city: REGIONS[code],
      isPrimary: code === spec.primaryRegion,
      hasDbReplica: spec.database.replicaRegions.includes(code),
    })),
    multiRegion: spec.regions.length > 1,
  };
}
