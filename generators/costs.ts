/**
 * The components that cost money, each pricing its own part of the spec (generators/<component>/cost.ts).
 * base, docker, ci, bootstrap and docs add files, not resources.
 */
import { cacheCost } from "./cache/cost.js";
import type { ComponentCost } from "./cost/lines.js";
import { databaseCost } from "./database/cost.js";
import { storageCost } from "./storage/cost.js";
import { webCost } from "./web/cost.js";
import { workerCost } from "./worker/cost.js";

export const COSTS: readonly ComponentCost[] = [webCost, workerCost, databaseCost, cacheCost, storageCost];
