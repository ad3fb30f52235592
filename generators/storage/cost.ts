/**
 * Object storage: a Tigris bucket has no fixed price, only what it stores and serves, so it adds a
 * usage-based charge and no line.
 */
import type { ComponentCost } from "../cost/lines.js";
import type { UsageRate } from "../cost/prices.js";

const BUCKET: UsageRate = {
  what: "the app's Tigris bucket (objects stored, requests, data moved out of Tigris)",
  rate: "Tigris list prices, on the Fly invoice",
  source: "tigris",
};

export const storageCost: ComponentCost = {
  part: "services",
  estimate: (spec) => ({ lines: [], usage: spec.storage.kind === "tigris" ? [BUCKET] : [] }),
};
