/** A plain-text account of what a spec builds, from its components: shown before confirming and in --dry-run. */

import { estimateCost } from "../../generators/cost/estimate.js";
import { costSummaryLines } from "../../generators/cost/render.js";
import type { Spec } from "../spec/schema.js";
import { specSections } from "../spec/schema.js";

export function topologyLines(spec: Spec): string[] {
  const lines = specSections.flatMap((section) => section.summary?.(spec) ?? []);
  const width = Math.max(...lines.map(([label]) => label.length)) + 2;
  return lines.map(([label, text]) => `${label.padEnd(width)}${text}`);
}

/** The Fly apps that scripts/bootstrap.sh will create. */
export function flyApps(spec: Spec): string[] {
  return specSections.flatMap((section) => section.flyApps?.(spec) ?? []);
}

/** What the spec costs a month, in short: `create-fly-ref-arch cost` prints every line. */
export function costLines(spec: Spec): string[] {
  return costSummaryLines(estimateCost(spec));
}
