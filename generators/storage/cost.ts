/**
 * Object storage: a Tigris bucket has no fixed price, only what it stores and serves, so it adds a
 * usage-based charge and no line.
 */
import type { ComponentCost } from "../cost/lines.js";

export const storageCost: ComponentCost = {
  component: "storage",
  estimate: (spec) => ({ lines: [], usage: spec.storage.kind === "tigris" ? ["objectStorage"] : [] }),
};
