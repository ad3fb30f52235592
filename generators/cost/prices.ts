/**
 * Fly.io's prices, as the monthly estimate uses them (`create-fly-ref-arch cost`). Every figure
 * names where it was read. Fly's own documentation lives in github.com/superfly/docs; its pages are
 * cited by path and commit. The one table that is not in that repository (Machine prices per
 * region: the pricing page renders it from a partial and data of superfly/landing, which is not
 * public) was read from a copy of the rendered page, and is marked UNCONFIRMED wherever a
 * Fly-authored page does not repeat the figure.
 *
 * A month is 30 days: Fly's monthly figures are "per 30 days" (pricing page) and its billing is per
 * second (Machines) or per hour (volumes), pro-rated.
 *
 * What every component prices alike (Machines, volumes) is here; the plans of one component's
 * service (Managed Postgres, Upstash Redis) are in its cost.ts, read on the same day from the
 * sources named here.
 */
import type { Region } from "../../src/spec/regions.js";

/** When the figures below were read, and checked against the sources named with them. */
export const PRICES_READ_ON = "2026-12-03";

export interface PriceSource {
  /** The page as Fly publishes it. */
  url: string;
  /** Where the figure was read: a file of superfly/docs at a commit, or a copy of the rendered page. */
  readFrom: string;
  /** Whether a Fly-authored page states the figure (false: UNCONFIRMED). */
  confirmed: boolean;
}

const DOCS = "superfly/docs@5c22c8c (2026-08-07)";

export const SOURCES = {
  pricing: {
    url: "https://fly.io/docs/about/pricing/",
    readFrom: `${DOCS} about/pricing.html.markerb, last changed in 84fd3d0 (2026-08-05)`,
    confirmed: true,
  },
  machineTables: {
    url: "https://fly.io/docs/about/pricing/#started-fly-machines",
    readFrom:
      "the page as rendered on 2025-08-19, all 35 region tables, kept in fernandobandeira/djinn@2974b7a " +
      "harvested/research/2025-08-19_deep_research_fly.io_hosting_platform_pricing_and_free_tier_aed2ac.md",
    confirmed: false,
  },
  costManagement: {
    url: "https://fly.io/docs/about/cost-management/",
    readFrom: `${DOCS} about/cost-management.html.md, last changed in a868d49 (2026-01-20)`,
    confirmed: true,
  },
  machineExamples: {
    url: "https://fly.io/docs/blueprints/shared-nothing/#costs",
    readFrom:
      `${DOCS} blueprints/shared-nothing.html.markerb ($3.19, $5.70) and ` +
      "elixir/getting-started/migrate-from-heroku.html.markerb ($62.00)",
    confirmed: true,
  },
  billing: {
    url: "https://fly.io/docs/about/billing/#machine-billing",
    readFrom: `${DOCS} about/billing.html.markerb, last changed in 80d4783 (2026-06-19)`,
    confirmed: true,
  },
  mpg: {
    url: "https://fly.io/docs/mpg/#pricing",
    readFrom: `${DOCS} mpg/index.html.md, last changed in 2e997e7 (2025-12-15)`,
    confirmed: true,
  },
  upstash: {
    url: "https://fly.io/docs/upstash/redis/#pricing",
    readFrom: `${DOCS} upstash/redis.html.md, last changed in ee9b542 (2026-02-18)`,
    confirmed: true,
  },
  tigris: {
    url: "https://www.tigrisdata.com/docs/pricing/",
    readFrom: `${DOCS} tigris/index.html.markerb ("Check the official Tigris Pricing page for rates")`,
    confirmed: true,
  },
} as const satisfies Record<string, PriceSource>;

export type SourceKey = keyof typeof SOURCES;

/**
 * A started Machine costs its CPUs plus the memory above what they include, per second
 * (billing page: "the price of a named CPU/RAM combination, plus the price of any additional RAM";
 * its example: shared-cpu-1x@1024MB is the 256 MB preset plus 768 MB). The per-second figures are
 * the iad table's (machineTables): shared-cpu-1x 256MB $0.00000075, performance-1x 2GB $0.00001196,
 * and each further GB $0.00000193 (performance-16x: 32GB $0.00019136, 128GB $0.00037664). Fly's own
 * pages repeat iad's monthly results: shared-cpu-1x 512MB $3.19 and 1GB $5.70
 * (blueprints/shared-nothing.html.markerb, March 2024 figures), 4 GB on 2 performance CPUs $62.00
 * (elixir/getting-started/migrate-from-heroku.html.markerb).
 */
export const MACHINE_PRICE = {
  secondsPerMonth: 30 * 24 * 60 * 60,
  cpuUsdPerSecond: { shared: 0.00000075, performance: 0.00001196 },
  includedMemoryMbPerCpu: { shared: 256, performance: 2048 },
  extraMemoryUsdPerGbSecond: 0.00000193,
  source: "machineTables",
} as const;

export interface RegionMarkup {
  /** A region's Machine prices are iad's times this. */
  ratio: number;
  /** The Fly-authored page that repeats this region's prices, when one does. */
  confirmedBy?: SourceKey;
}

/**
 * Machine prices differ by region: the page's region picker switches between tables that are iad's
 * times a ratio per region (and scales the "about $5 per GB" of added memory by the same ratio).
 * The ratios, read off those tables (machineTables), are each a round number over 1.04, so they are
 * written so; with them the per-second prices above give every monthly figure of the 17 current
 * regions' tables to within a cent (test/cost/prices.test.ts checks all 527). Only iad (see
 * MACHINE_PRICE) and sjc are repeated by Fly-authored pages: the cost-management page prices three
 * shared-1x 1GB Machines in sjc at $20.37 (3 × $6.79), one 256MB at $2.32, five 512MB at about $19
 * (5 × $3.81). The others are UNCONFIRMED since 2025-08-19.
 */
export const REGION_MARKUP: Readonly<Record<Region, RegionMarkup>> = {
  iad: { ratio: 1, confirmedBy: "machineExamples" },
  ewr: { ratio: 1 },
  ams: { ratio: 1.08 / 1.04 },
  arn: { ratio: 1.08 / 1.04 },
  yyz: { ratio: 1.16 / 1.04 },
  cdg: { ratio: 1.18 / 1.04 },
  lhr: { ratio: 1.18 / 1.04 },
  fra: { ratio: 1.2 / 1.04 },
  sjc: { ratio: 1.24 / 1.04, confirmedBy: "costManagement" },
  lax: { ratio: 1.2475 / 1.04 },
  dfw: { ratio: 1.3 / 1.04 },
  ord: { ratio: 1.3 / 1.04 },
  sin: { ratio: 1.32 / 1.04 },
  syd: { ratio: 1.32 / 1.04 },
  jnb: { ratio: 1.355 / 1.04 },
  nrt: { ratio: 1.36 / 1.04 },
  gru: { ratio: 1.68 / 1.04 },
};

/** Provisioned capacity, attached or not, whatever the Machine's state; the same in every region. */
export const VOLUME_USD_PER_GB_MONTH = { usd: 0.15, source: "pricing" } as const;

/** A charge that depends on use, not on the topology: listed beside the estimate, never added to it. */
export interface UsageRate {
  readonly what: string;
  readonly rate: string;
  readonly source: SourceKey;
}

/**
 * The platform's usage-based charges, which the estimate or more than one component names; a
 * component's own live in its cost.ts (web's stopped root file systems, Upstash's commands, …).
 */
export const USAGE_RATES = {
  egress: {
    what: "bandwidth (data sent to the internet)",
    rate: "$0.02 per GB from North America and Europe, $0.04 from Asia Pacific, Oceania and South America, $0.12 from Africa and India",
    source: "pricing",
  },
  interRegion: {
    what: "inter-region traffic on the private network (replayed requests, replication, cache reads from other regions)",
    rate: "$0.006, $0.015 or $0.050 per GB by the same region groups (organizations created after 2024-07-18); free within a region",
    source: "pricing",
  },
  snapshots: {
    what: "volume snapshots (daily, kept 5 days by default)",
    rate: "$0.08 per GB-month of snapshot data, the first 10 GB free",
    source: "pricing",
  },
} as const satisfies Record<string, UsageRate>;
