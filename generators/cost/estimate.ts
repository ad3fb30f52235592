/**
 * The monthly estimate of a spec: every component's lines in every environment (production and
 * each of `environments`), the totals, the usage-based charges left out, and where the prices come
 * from. Pure: no disk, no clock, no network.
 */
import type { Spec } from "../../src/spec/schema.js";
import { environmentsOf } from "../environments/environments.js";
import { COMPONENTS } from "../index.js";
import { COST_PARTS, type ComponentCost, type CostLine, sumUsd } from "./lines.js";
import {
  PRICES_READ_ON,
  type PriceSource,
  REGION_MARKUP,
  SOURCES,
  type SourceKey,
  USAGE_RATES,
  type UsageRate,
} from "./prices.js";

export interface UsageCost {
  what: string;
  rate: string;
  source: SourceKey;
}

/** A line of the estimate: a component's line, in the environment it is billed for. */
export interface EstimateLine extends CostLine {
  environment: string;
}

export interface EnvironmentTotal {
  name: string;
  totalUsd: number;
  maxTotalUsd: number;
}

export interface CostEstimate {
  name: string;
  lines: EstimateLine[];
  /** Production first, then the spec's environments, each with the sum of its lines. */
  environments: EnvironmentTotal[];
  /** The sum of the lines' monthlyUsd: what is billed whatever the traffic. */
  totalUsd: number;
  /** The sum of the lines' maxMonthlyUsd: every Machine started all month. */
  maxTotalUsd: number;
  usageBased: UsageCost[];
  source: {
    table: string;
    readOn: string;
    pages: (PriceSource & { key: SourceKey })[];
    /** Figures of this estimate that no Fly-authored page states. */
    unconfirmed: string[];
  };
}

export const PRICE_TABLE_NAME = "create-fly-ref-arch's table of Fly.io prices";

/**
 * By spec: a create prices its spec for the README and again for the summary before confirming (or
 * in --dry-run). Readers do not change an estimate.
 */
const estimates = new WeakMap<Spec, CostEstimate>();

export function estimateCost(spec: Spec): CostEstimate {
  let estimate = estimates.get(spec);
  if (!estimate) {
    estimate = priceSpec(spec);
    estimates.set(spec, estimate);
  }
  return estimate;
}

function priceSpec(spec: Spec): CostEstimate {
  const costs = COST_PARTS.flatMap((part): ComponentCost[] =>
    COMPONENTS.flatMap(({ cost }) => (cost?.part === part ? [cost] : [])),
  );
  const environments = environmentsOf(spec);
  const priced = environments.map(({ name, spec: environmentSpec }) => ({
    name,
    parts: costs.map((cost) => cost.estimate(environmentSpec)),
  }));
  const parts = priced.flatMap((environment) => environment.parts);
  const lines = priced.flatMap(({ name, parts }) =>
    parts.flatMap((part) => part.lines.map((line) => ({ ...line, environment: name }))),
  );
  // Each rate once, however many components or environments bring it.
  const rates = new Set<UsageRate>([USAGE_RATES.egress]);
  if (environments.some((environment) => environment.spec.regions.length > 1)) rates.add(USAGE_RATES.interRegion);
  for (const part of parts) for (const rate of part.usage) rates.add(rate);
  const usageBased = [...rates].map((rate) => ({ ...rate }));

  const machineRegions = [
    ...new Set(lines.flatMap((line) => (line.resource === "machines" && line.region ? [line.region] : []))),
  ];
  const used = new Set<SourceKey>([
    ...lines.map((line) => line.source),
    ...machineRegions.flatMap((region) => REGION_MARKUP[region].confirmedBy ?? []),
    ...usageBased.map((usage) => usage.source),
  ]);
  const unconfirmedRegions = machineRegions.filter((region) => !REGION_MARKUP[region].confirmedBy);
  const unconfirmed = [
    ...(unconfirmedRegions.length > 0
      ? [
          `Machine prices in ${unconfirmedRegions.join(", ")}: read from the pricing page as rendered on 2025-08-19; no Fly-authored page repeats them`,
        ]
      : []),
    ...new Set(parts.flatMap((part) => part.unconfirmed ?? [])),
  ];
  return {
    name: spec.name,
    lines,
    environments: environments.map(({ name }) => {
      const own = lines.filter((line) => line.environment === name);
      return {
        name,
        totalUsd: sumUsd(own.map((line) => line.monthlyUsd)),
        maxTotalUsd: sumUsd(own.map((line) => line.maxMonthlyUsd)),
      };
    }),
    totalUsd: sumUsd(lines.map((line) => line.monthlyUsd)),
    maxTotalUsd: sumUsd(lines.map((line) => line.maxMonthlyUsd)),
    usageBased,
    source: {
      table: PRICE_TABLE_NAME,
      readOn: PRICES_READ_ON,
      pages: (Object.keys(SOURCES) as SourceKey[])
        .filter((key) => used.has(key))
        .map((key) => ({ key, ...SOURCES[key] })),
      unconfirmed,
    },
  };
}
