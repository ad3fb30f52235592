/**
 * The estimate as people and programs read it: a text table for the terminal, Markdown lines for a
 * README or a summary, and the JSON of `cost --json`, whose shape README documents and
 * test/cost/cli.test.ts pins.
 */
import type { CostEstimate, EnvironmentTotal, EstimateLine } from "./estimate.js";
import { sumUsd, usd } from "./lines.js";
import { SOURCES } from "./prices.js";

/** The shape's version: a field removed, renamed or changed in meaning raises it. */
export const COST_JSON_VERSION = 1;

export function costJson(estimate: CostEstimate) {
  return {
    version: COST_JSON_VERSION,
    name: estimate.name,
    currency: "USD",
    period: "30 days",
    lines: estimate.lines.map((line) => ({
      environment: line.environment,
      component: line.component,
      app: line.app,
      resource: line.resource,
      region: line.region,
      what: line.what,
      count: line.count,
      unitUsd: line.unitUsd,
      monthlyUsd: line.monthlyUsd,
      maxMonthlyUsd: line.maxMonthlyUsd,
      basis: line.basis,
      source: SOURCES[line.source].url,
    })),
    totalUsd: estimate.totalUsd,
    maxTotalUsd: estimate.maxTotalUsd,
    environments: estimate.environments.map(({ name, totalUsd, maxTotalUsd }) => ({ name, totalUsd, maxTotalUsd })),
    usageBased: estimate.usageBased.map((usage) => ({
      what: usage.what,
      rate: usage.rate,
      source: SOURCES[usage.source].url,
    })),
    source: {
      table: estimate.source.table,
      readOn: estimate.source.readOn,
      pages: estimate.source.pages.map((page) => ({
        url: page.url,
        readFrom: page.readFrom,
        confirmed: page.confirmed,
      })),
      unconfirmed: estimate.source.unconfirmed,
    },
  };
}

const HEADINGS = ["app", "what", "region", "each", "at least", "at most"] as const;

/** The lines billed for one environment. */
function linesIn(estimate: CostEstimate, environment: string): EstimateLine[] {
  return estimate.lines.filter((line) => line.environment === environment);
}

interface Row {
  /** A line of cost; an environment's subtotal, when the spec has environments; the total. */
  kind: "line" | "subtotal" | "total";
  cells: string[];
}

/**
 * One row per line, as the columns of HEADINGS, then the total. With environments, each
 * environment's lines end with its subtotal.
 */
function rows(estimate: CostEstimate): Row[] {
  const lineRow = (line: EstimateLine): Row => ({
    kind: "line",
    cells: [line.app, line.what, line.region ?? "-", usd(line.unitUsd), usd(line.monthlyUsd), usd(line.maxMonthlyUsd)],
  });
  const sumRow = (kind: Row["kind"], label: string, total: Omit<EnvironmentTotal, "name">): Row => ({
    kind,
    cells: [label, "", "", "", usd(total.totalUsd), usd(total.maxTotalUsd)],
  });
  const body =
    estimate.environments.length === 1
      ? estimate.lines.map(lineRow)
      : estimate.environments.flatMap((environment) => [
          ...linesIn(estimate, environment.name).map(lineRow),
          sumRow("subtotal", `${environment.name} total`, environment),
        ]);
  return [...body, sumRow("total", "total", estimate)];
}

const COLUMNS_EXPLAINED = [
  ["at least", "billed whatever the traffic: Machines that never stop, volumes, plans."],
  [
    "at most",
    "also every Machine that auto-stop may stop, started all month (Fly bills them per second while started, and advises budgeting for this).",
  ],
] as const;

function sourceLine(estimate: CostEstimate): string {
  return `Prices: ${estimate.source.table}, read on ${estimate.source.readOn}`;
}

/** ` (production, staging)` when the spec has environments, else nothing. */
function environmentsNamed(estimate: CostEstimate): string {
  return estimate.environments.length === 1 ? "" : ` (${estimate.environments.map(({ name }) => name).join(", ")})`;
}

export function costTextLines(estimate: CostEstimate): string[] {
  const table = [[...HEADINGS], ...rows(estimate).map((row) => row.cells)];
  const widths = HEADINGS.map((_, i) => Math.max(...table.map((row) => row[i]?.length ?? 0)));
  // Amounts align right, text left.
  const format = (row: string[]) =>
    row
      .map((cell, i) => (i >= 3 ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return [
    `Monthly estimate for ${estimate.name}${environmentsNamed(estimate)}, in US dollars for a 30-day month`,
    "",
    ...table.map(format),
    "",
    ...COLUMNS_EXPLAINED.map(([term, text]) => `${term}: ${text}`),
    "",
    "Not included (usage-based):",
    ...estimate.usageBased.map((usage) => `  - ${usage.what}: ${usage.rate}`),
    "",
    `${sourceLine(estimate)}, from:`,
    ...estimate.source.pages.map((page) => `  - ${page.url}${page.confirmed ? "" : " (UNCONFIRMED)"}`),
    ...estimate.source.unconfirmed.map((note) => `UNCONFIRMED: ${note}.`),
  ];
}

/** For the interactive summary and the generated README. */
export function costMarkdownLines(estimate: CostEstimate): string[] {
  const cells = (row: readonly string[]) => `| ${row.join(" | ")} |`;
  const marked = {
    subtotal: (cell: string) => `*${cell}*`,
    total: (cell: string) => `**${cell}**`,
  };
  const body = rows(estimate).map(({ kind, cells: row }) =>
    kind === "line"
      ? cells([`\`${row[0]}\``, ...row.slice(1)])
      : cells(row.map((cell) => (cell ? marked[kind](cell) : ""))),
  );
  const pages = estimate.source.pages.map(
    (page) => `[${page.url.replace(/^https:\/\//, "")}](${page.url})${page.confirmed ? "" : " (UNCONFIRMED)"}`,
  );
  return [
    cells(HEADINGS),
    cells(HEADINGS.map((_, i) => (i >= 3 ? "---:" : "---"))),
    ...body,
    "",
    ...COLUMNS_EXPLAINED.map(([term, text]) => `- *${term}*: ${text}`),
    "",
    "Not included (usage-based):",
    "",
    ...estimate.usageBased.map((usage) => `- ${usage.what}: ${usage.rate} ([source](${SOURCES[usage.source].url}))`),
    "",
    `${sourceLine(estimate)}, from ${pages.join(", ")}.`,
    ...estimate.source.unconfirmed.flatMap((note) => ["", `UNCONFIRMED: ${note}.`]),
  ];
}

/**
 * The estimate in a few lines, a total per app, for the summary shown before "Create the
 * project?" and in --dry-run: the full table is `create-fly-ref-arch cost`'s.
 */
export function costSummaryLines(estimate: CostEstimate): string[] {
  const range = (least: number, most: number) => (least === most ? usd(least) : `${usd(least)} to ${usd(most)}`);
  const rangeOf = (lines: readonly EstimateLine[]) =>
    range(sumUsd(lines.map((line) => line.monthlyUsd)), sumUsd(lines.map((line) => line.maxMonthlyUsd)));
  const appLines = (lines: readonly EstimateLine[], indent: string) => {
    const apps = [...new Set(lines.map((line) => line.app))];
    const width = Math.max(...apps.map((app) => app.length)) + 2;
    return apps.map((app) => `${indent}${app.padEnd(width)}${rangeOf(lines.filter((line) => line.app === app))}`);
  };
  const byEnvironment =
    estimate.environments.length === 1
      ? appLines(estimate.lines, "  ")
      : estimate.environments.flatMap((environment) => [
          `  ${environment.name}: ${range(environment.totalUsd, environment.maxTotalUsd)}`,
          ...appLines(linesIn(estimate, environment.name), "    "),
        ]);
  return [
    `Monthly estimate: ${range(estimate.totalUsd, estimate.maxTotalUsd)} (US dollars, 30 days)`,
    ...byEnvironment,
    "Not included, billed by use:",
    ...estimate.usageBased.map((usage) => `  - ${usage.what.replace(/ \(.*\)$/, "")}`),
    `${sourceLine(estimate)}; "create-fly-ref-arch cost" shows every line.`,
  ];
}
