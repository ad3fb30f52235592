/** A Machine size as the templates print it: base/_partials/vm.toml.hbs, and bootstrap's flags. */
import type { Vm } from "../../src/spec/fields.js";

/** Fly's preset name for a size, as `fly scale vm` and `fly postgres create --vm-size` take it. */
export function vmSizeName(vm: Vm): string {
  return `${vm.cpuKind === "shared" ? "shared-cpu" : "performance"}-${vm.cpus}x`;
}

export function vmFacts(vm: Vm) {
  return { ...vm, size: vmSizeName(vm), memory: `${vm.memoryMb}mb` };
}
