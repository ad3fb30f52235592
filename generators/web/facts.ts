/** The web tier as templates see it. */
import type { Spec } from "../../src/spec/schema.js";
import { vmFacts } from "../base/vm.js";

export function webFacts(spec: Spec) {
  return { web: { ...spec.web, vm: vmFacts(spec.web.vm) } };
}
