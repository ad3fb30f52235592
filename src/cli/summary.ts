/** A plain-text account of what a spec builds, from its components: shown before confirming and in --dry-run. */

import { estimateCost } from "../../generators/cost/estimate.js";
import { costSummaryLines } from "../../generators/cost/render.js";
import type { Spec } from "../spec/schema.js";
import { specSections, variantsOf } from "../spec/schema.js";

export function topologyLines(spec: Spec): string[] {
  const lines = specSections.flatMap((section) => section.summary?.(spec) ?? []);
  const width = Math.max(...lines.map(([label]) => label.length)) + 2;
  return lines.map(([label, text]) => `${label.padEnd(width)}${text}`);
}

/** The Fly apps that scripts/bootstrap.sh will create, those of every environment too. */
export function flyApps(spec: Spec): string[] {
  return [spec, ...variantsOf(spec).map((variant) => variant.spec)].flatMap((each) =>
    specSections.flatMap((section) => section.flyApps?.(each) ?? []),
  );
}

/** What the spec costs a month, in short: `create-fly-ref-arch cost` prints every line. */
export function costLines(spec: Spec): string[] {
  return costSummaryLines(estimateCost(spec));
}
