/**
 * What a component contributes to the monthly estimate: lines of cost and the usage-based charges
 * it brings, built here from the price table so every component prices Machines and volumes alike.
 */

import type { Vm } from "../../src/spec/fields.js";
import type { Region } from "../../src/spec/regions.js";
import type { Spec } from "../../src/spec/schema.js";
import { vmSizeName } from "../base/vm.js";
import { MACHINE_PRICE, REGION_MARKUP, type SourceKey, type UsageRate, VOLUME_USD_PER_GB_MONTH } from "./prices.js";

export type CostResource = "machines" | "volumes" | "plan" | "read-regions" | "storage";

export interface CostLine {
  component: string;
  /** The Fly app, Managed Postgres cluster or Upstash database the charge is billed under. */
  app: string;
  resource: CostResource;
  /** null for a charge that belongs to no one region (Upstash read regions). */
  region: Region | null;
  what: string;
  /** Machines, volumes, read regions or GB; 1 for a plan. */
  count: number;
  /** The price of one of them for a month. */
  unitUsd: number;
  /** What is billed whatever the traffic: Machines that never stop, volumes, plans. */
  monthlyUsd: number;
  /** With every Machine started all month. */
  maxMonthlyUsd: number;
  /** How the figures follow from the price table, in words. */
  basis: string;
  /** The page the price was read from. */
  source: SourceKey;
}

export interface ComponentEstimate {
  lines: CostLine[];
  /** Usage-based charges this component brings; never added to the totals. */
  usage: readonly UsageRate[];
  /** Figures of its lines that no Fly-authored page states, in words. */
  unconfirmed?: string[];
}

/**
 * What an estimate lists first: the Machines that run the app's own code, then the services it
 * uses (its databases, caches and buckets), as one reads a bill.
 */
export const COST_PARTS = ["app", "services"] as const;

/** One component's part of the estimate (generators/<component>/cost.ts). */
export interface ComponentCost {
  /** Where its lines and charges go: among COST_PARTS, then in the registry's order. */
  readonly part: (typeof COST_PARTS)[number];
  estimate(spec: Spec): ComponentEstimate;
}

/** Whole cents: each line is priced as printed, and the totals add up to the cent. */
function toCents(usd: number): number {
  return Math.round(usd * 100);
}

/** In cents, so a total is the sum of its lines as printed. */
export function sumUsd(amounts: readonly number[]): number {
  return amounts.reduce((cents, amount) => cents + toCents(amount), 0) / 100;
}

function times(count: number, unitUsd: number): number {
  return (count * toCents(unitUsd)) / 100;
}

/**
 * `$1,234.50`. By hand, not toLocaleString: its first call loads ICU's number formatting, which
 * cost every create about 140 M instructions (callgrind) for the README's estimate.
 */
export function usd(amount: number): string {
  const [whole = "0", cents] = Math.abs(amount).toFixed(2).split(".");
  return `${amount < 0 ? "-" : ""}$${whole.replace(/\B(?=(\d{3})+$)/g, ",")}.${cents}`;
}

/** A started Machine of this size in this region for a month, to the cent, as Fly's tables print it. */
export function machineMonthlyUsd(vm: Vm, region: Region): number {
  const price = MACHINE_PRICE;
  const extraGb = (vm.memoryMb - price.includedMemoryMbPerCpu[vm.cpuKind] * vm.cpus) / 1024;
  const perSecond = price.cpuUsdPerSecond[vm.cpuKind] * vm.cpus + extraGb * price.extraMemoryUsdPerGbSecond;
  return toCents(perSecond * price.secondsPerMonth * REGION_MARKUP[region].ratio) / 100;
}

function describeVm(vm: Vm): string {
  return `${vmSizeName(vm)} ${vm.memoryMb} MB`;
}

function regionalBasis(vm: Vm, region: Region): string {
  const markup = REGION_MARKUP[region];
  const confirmed = markup.confirmedBy ? "" : " (UNCONFIRMED)";
  if (markup.ratio === 1) return `${usd(machineMonthlyUsd(vm, region))} a Machine-month in ${region}${confirmed}`;
  return `${usd(machineMonthlyUsd(vm, region))} a Machine-month in ${region}: iad's ${usd(machineMonthlyUsd(vm, "iad"))} × ${markup.ratio.toFixed(4)}${confirmed}`;
}

export interface MachinesInput {
  component: string;
  app: string;
  region: Region;
  vm: Vm;
  count: number;
  /** How many run all month; the rest start on demand. */
  alwaysOn: number;
  /** Why they run as they do, for the basis. */
  running: string;
  /** Appended to `what`, e.g. the process group. */
  label?: string;
}

export function machinesLine(input: MachinesInput): CostLine {
  const unitUsd = machineMonthlyUsd(input.vm, input.region);
  return {
    component: input.component,
    app: input.app,
    resource: "machines",
    region: input.region,
    what: `${input.count} × ${describeVm(input.vm)}${input.label ? ` (${input.label})` : ""}`,
    count: input.count,
    unitUsd,
    monthlyUsd: times(input.alwaysOn, unitUsd),
    maxMonthlyUsd: times(input.count, unitUsd),
    basis: `${regionalBasis(input.vm, input.region)}; ${input.running}`,
    source: MACHINE_PRICE.source,
  };
}

export interface VolumesInput {
  component: string;
  app: string;
  region: Region;
  count: number;
  sizeGb: number;
}

/** Volumes are billed for their provisioned size whether or not their Machine runs. */
export function volumesLine(input: VolumesInput): CostLine {
  const unitUsd = times(input.sizeGb, VOLUME_USD_PER_GB_MONTH.usd);
  const total = times(input.count, unitUsd);
  return {
    component: input.component,
    app: input.app,
    resource: "volumes",
    region: input.region,
    what: `${input.count} × ${input.sizeGb} GB volume`,
    count: input.count,
    unitUsd,
    monthlyUsd: total,
    maxMonthlyUsd: total,
    basis: `${input.sizeGb} GB × ${usd(VOLUME_USD_PER_GB_MONTH.usd)} per GB-month provisioned, billed while the Machine is stopped too`,
    source: VOLUME_USD_PER_GB_MONTH.source,
  };
}

/** A charge that does not depend on traffic: a plan, its read regions, provisioned storage. */
export function fixedLine(input: Omit<CostLine, "monthlyUsd" | "maxMonthlyUsd">): CostLine {
  const total = times(input.count, input.unitUsd);
  return { ...input, monthlyUsd: total, maxMonthlyUsd: total };
}
