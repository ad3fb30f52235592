/**
 * Fly.io regions. Fly consolidated its regions in 2025, and bom stopped taking new resources in
 * 2026-08: only these 17 accept new Machines (shared/reference/fly-platform.md §0 and §1). Retired
 * codes are refused with a current alternative, because old configs and blog posts still name them.
 */
import { echoQuoted } from "../echo.js";

export const REGIONS = {
  ams: "Amsterdam, Netherlands",
  arn: "Stockholm, Sweden",
  cdg: "Paris, France",
  dfw: "Dallas, Texas (US)",
  ewr: "Secaucus, NJ (US)",
  fra: "Frankfurt, Germany",
  gru: "Sao Paulo, Brazil",
  iad: "Ashburn, Virginia (US)",
  jnb: "Johannesburg, South Africa",
  lax: "Los Angeles, California (US)",
  lhr: "London, United Kingdom",
  nrt: "Tokyo, Japan",
  ord: "Chicago, Illinois (US)",
  sin: "Singapore, Singapore",
  sjc: "San Jose, California (US)",
  syd: "Sydney, Australia",
  yyz: "Toronto, Canada",
} as const;

export type Region = keyof typeof REGIONS;

export const REGION_CODES = Object.keys(REGIONS) as [Region, ...Region[]];

/**
 * Retired or edge-only codes mapped to the nearest current region. yul→yyz and bom→sin come from
 * Fly itself (its provisioning errors: "Please consider using an alternate region such as …"); the
 * others are the closest current region by distance.
 */
export const RETIRED_REGIONS: Readonly<Record<string, { city: string; use: Region }>> = {
  atl: { city: "Atlanta", use: "iad" },
  bom: { city: "Mumbai", use: "sin" },
  bog: { city: "Bogotá", use: "gru" },
  bos: { city: "Boston", use: "ewr" },
  den: { city: "Denver", use: "dfw" },
  eze: { city: "Ezeiza", use: "gru" },
  gdl: { city: "Guadalajara", use: "dfw" },
  gig: { city: "Rio de Janeiro", use: "gru" },
  hkg: { city: "Hong Kong", use: "sin" },
  mad: { city: "Madrid", use: "cdg" },
  mia: { city: "Miami", use: "iad" },
  otp: { city: "Bucharest", use: "fra" },
  phx: { city: "Phoenix", use: "lax" },
  qro: { city: "Querétaro", use: "dfw" },
  scl: { city: "Santiago", use: "gru" },
  sea: { city: "Seattle", use: "sjc" },
  waw: { city: "Warsaw", use: "fra" },
  yul: { city: "Montreal", use: "yyz" },
  vin: { city: "Virginia", use: "iad" },
  maa: { city: "Chennai", use: "sin" },
  mrs: { city: "Marseille", use: "cdg" },
  dxb: { city: "Dubai (edge only)", use: "sin" },
  ist: { city: "Istanbul (edge only)", use: "fra" },
  mel: { city: "Melbourne (edge only)", use: "syd" },
};

export function isRegion(code: string): code is Region {
  return Object.hasOwn(REGIONS, code);
}

/** Why a code is not a current region, with what to use instead when we know it. */
export function explainBadRegion(code: string): string {
  const retired = RETIRED_REGIONS[code];
  if (retired) {
    return `${echoQuoted(code)} (${retired.city}) is a retired Fly region; use "${retired.use}" (${REGIONS[retired.use]}) instead`;
  }
  return `${echoQuoted(code)} is not a Fly region; allowed: ${REGION_CODES.join(", ")}`;
}

export function describeRegion(code: Region): string {
  return `${code} — ${REGIONS[code]}`;
}
