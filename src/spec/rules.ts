/** Rules across fields that several sections share: lists without repeats, replicas in web regions, Machine sizes. */
import { type Vm, vmProblem } from "./fields.js";
import type { Region } from "./regions.js";
import type { AddIssue } from "./section.js";

/** The indexes of the entries that repeat an earlier one. */
export function duplicates(list: readonly unknown[]): number[] {
  return list.flatMap((item, i) => (list.indexOf(item) < i ? [i] : []));
}

/** Replicas go to web regions other than the primary, each once. */
export function checkReplicaRegions(
  add: AddIssue,
  path: string[],
  list: readonly Region[],
  regions: readonly Region[],
  primaryRegion: Region,
): void {
  const others = regions.filter((r) => r !== primaryRegion);
  for (const i of duplicates(list)) add([...path, i], list[i], `"${list[i]}" is listed twice`);
  list.forEach((r, i) => {
    if (r === primaryRegion) {
      add(
        [...path, i],
        r,
        `"${r}" is the primary region; replicas go to the other regions (${others.join(", ") || "none"})`,
      );
    } else if (!regions.includes(r)) {
      add(
        [...path, i],
        r,
        `"${r}" is not one of the web regions; allowed: ${others.join(", ") || "none (add regions first)"}`,
      );
    }
  });
}

/** A section's Machine size, within Fly's bounds for its CPUs. */
export function checkVm(add: AddIssue, section: string, vm: Vm): void {
  const problem = vmProblem(vm);
  if (problem) add([section, "vm", problem.field], vm[problem.field], problem.message);
}
