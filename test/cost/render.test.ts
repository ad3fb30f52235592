/** The estimate as text (the cost command) and as Markdown (for the summary and the generated README). */
import { describe, expect, it } from "vitest";
import { estimateCost } from "../../generators/cost/estimate.js";
import { PRICES_READ_ON } from "../../generators/cost/prices.js";
import { costJson, costMarkdownLines, costSummaryLines, costTextLines } from "../../generators/cost/render.js";
import { specFrom } from "../helpers/render.js";

const seed = estimateCost(specFrom({ name: "acme" }));

describe("the estimate as Markdown", () => {
  it("is a table per app and resource with the totals, then what is left out and the sources", () => {
    expect(costMarkdownLines(seed)).toEqual([
      "| app | what | region | each | at least | at most |",
      "| --- | --- | --- | ---: | ---: | ---: |",
      "| `acme-web` | 1 × shared-cpu-1x 512 MB | iad | $3.19 | $3.19 | $3.19 |",
      "| `acme-web` | 1 × shared-cpu-1x 512 MB | lhr | $3.62 | $0.00 | $3.62 |",
      "| `acme-web` | 1 × shared-cpu-1x 512 MB | nrt | $4.18 | $0.00 | $4.18 |",
      "| `acme-worker` | 1 × shared-cpu-1x 512 MB | iad | $3.19 | $3.19 | $3.19 |",
      "| `acme-db` | 3 × shared-cpu-1x 1024 MB (Postgres) | iad | $5.70 | $17.10 | $17.10 |",
      "| `acme-db` | 3 × 10 GB volume | iad | $1.50 | $4.50 | $4.50 |",
      "| `acme-db` | 1 × shared-cpu-1x 1024 MB (Postgres replica) | lhr | $6.46 | $6.46 | $6.46 |",
      "| `acme-db` | 1 × 10 GB volume | lhr | $1.50 | $1.50 | $1.50 |",
      '| `acme-redis` | Upstash Redis "Pay-as-you-go" | iad | $0.00 | $0.00 | $0.00 |',
      "| **total** |  |  |  | **$35.94** | **$43.74** |",
      "",
      "- *at least*: billed whatever the traffic: Machines that never stop, volumes, plans.",
      "- *at most*: also every Machine that auto-stop may stop, started all month (Fly bills them per second while started, and advises budgeting for this).",
      "",
      "Not included (usage-based):",
      "",
      "- bandwidth (data sent to the internet): $0.02 per GB from North America and Europe, $0.04 from Asia Pacific, Oceania and South America, $0.12 from Africa and India ([source](https://fly.io/docs/about/pricing/))",
      "- inter-region traffic on the private network (replayed requests, replication, cache reads from other regions): $0.006, $0.015 or $0.050 per GB by the same region groups (organizations created after 2024-07-18); free within a region ([source](https://fly.io/docs/about/pricing/))",
      "- the root file system of each web Machine while it is stopped or suspended (about the image's size): $0.15 per GB per 30 days ([source](https://fly.io/docs/about/billing/#machine-billing))",
      "- volume snapshots (daily, kept 5 days by default): $0.08 per GB-month of snapshot data, the first 10 GB free ([source](https://fly.io/docs/about/pricing/))",
      "- Fly Postgres WAL backups in a Tigris bucket (storage and requests): Tigris list prices, on the Fly invoice ([source](https://www.tigrisdata.com/docs/pricing/))",
      "- Upstash Redis commands on pay-as-you-go: $0.20 per 100,000 commands ([source](https://fly.io/docs/upstash/redis/#pricing))",
      "",
      `Prices: create-fly-ref-arch's table of Fly.io prices, read on ${PRICES_READ_ON}, from ` +
        "[fly.io/docs/about/pricing/](https://fly.io/docs/about/pricing/), " +
        "[fly.io/docs/about/pricing/#started-fly-machines](https://fly.io/docs/about/pricing/#started-fly-machines) (UNCONFIRMED), " +
        "[fly.io/docs/blueprints/shared-nothing/#costs](https://fly.io/docs/blueprints/shared-nothing/#costs), " +
        "[fly.io/docs/about/billing/#machine-billing](https://fly.io/docs/about/billing/#machine-billing), " +
        "[fly.io/docs/upstash/redis/#pricing](https://fly.io/docs/upstash/redis/#pricing), " +
        "[www.tigrisdata.com/docs/pricing/](https://www.tigrisdata.com/docs/pricing/).",
      "",
      "UNCONFIRMED: Machine prices in lhr, nrt: read from the pricing page as rendered on 2025-08-19; no Fly-authored page repeats them.",
    ]);
  });
});

describe("the estimate as text", () => {
  const text = costTextLines(seed);

  it("aligns the amounts under their headings and ends the table with the totals", () => {
    const heading = text.find((line) => line.startsWith("app "));
    const total = text.find((line) => line.startsWith("total "));
    const end = (line: string | undefined, text: string) => (line?.indexOf(text) ?? 0) + text.length;
    expect(end(total, "$35.94")).toBe(end(heading, "at least"));
    expect(end(total, "$43.74")).toBe(end(heading, "at most"));
    expect(total?.length).toBe(heading?.length);
  });

  it("names the price table, the day it was read, its pages and what is unconfirmed", () => {
    expect(text).toContain(`Prices: create-fly-ref-arch's table of Fly.io prices, read on ${PRICES_READ_ON}, from:`);
    expect(text).toContain("  - https://fly.io/docs/about/pricing/#started-fly-machines (UNCONFIRMED)");
    expect(text.at(-1)).toBe(
      "UNCONFIRMED: Machine prices in lhr, nrt: read from the pricing page as rendered on 2025-08-19; no Fly-authored page repeats them.",
    );
  });
});

describe("the estimate of a spec with environments", () => {
  const staged = estimateCost(specFrom({ name: "acme", environments: { staging: {} } }));
  const production = seed.lines.length;

  it("as text: names the environments, ends each one's lines with its subtotal, then the total", () => {
    const text = costTextLines(staged);
    expect(text[0]).toBe("Monthly estimate for acme (production, staging), in US dollars for a 30-day month");
    const table = text.slice(2, text.indexOf("", 2)).map((line) => line.split(/ {2,}/));
    expect(table[production + 1]).toEqual(["production total", "$35.94", "$43.74"]);
    expect(table.slice(production + 2).map((cells) => cells[0])).toEqual([
      "acme-staging-web",
      "acme-staging-worker",
      "acme-staging-db",
      "acme-staging-db",
      "acme-staging-redis",
      "staging total",
      "total",
    ]);
    expect(table.at(-2)?.slice(1)).toEqual(["$4.03", "$5.97"]);
    expect(table.at(-1)).toEqual(["total", "$39.97", "$49.71"]);
  });

  it("as Markdown: each subtotal in italics, the total in bold", () => {
    const lines = costMarkdownLines(staged);
    expect(lines).toContain("| *production total* |  |  |  | *$35.94* | *$43.74* |");
    expect(lines).toContain("| *staging total* |  |  |  | *$4.03* | *$5.97* |");
    expect(lines).toContain("| **total** |  |  |  | **$39.97** | **$49.71** |");
    expect(lines).toContain("| `acme-staging-db` | 1 × 1 GB volume | iad | $0.15 | $0.15 | $0.15 |");
  });

  it("as the summary: the total, then each environment with its apps", () => {
    expect(costSummaryLines(staged).slice(0, 11)).toEqual([
      "Monthly estimate: $39.97 to $49.71 (US dollars, 30 days)",
      "  production: $35.94 to $43.74",
      "    acme-web     $3.19 to $10.99",
      "    acme-worker  $3.19",
      "    acme-db      $29.56",
      "    acme-redis   $0.00",
      "  staging: $4.03 to $5.97",
      "    acme-staging-web     $0.00 to $1.94",
      "    acme-staging-worker  $1.94",
      "    acme-staging-db      $2.09",
      "    acme-staging-redis   $0.00",
    ]);
    // Without environments, the apps come right under the total, as before.
    expect(costSummaryLines(seed)[1]).toBe("  acme-web     $3.19 to $10.99");
  });

  it("as JSON: every line names its environment, and each environment has its totals", () => {
    const json = costJson(staged);
    expect(json.environments).toEqual([
      { name: "production", totalUsd: 35.94, maxTotalUsd: 43.74 },
      { name: "staging", totalUsd: 4.03, maxTotalUsd: 5.97 },
    ]);
    expect(json.lines.map((line) => line.environment)).toEqual([
      ...Array(production).fill("production"),
      ...Array(5).fill("staging"),
    ]);
    expect(costJson(seed).environments).toEqual([{ name: "production", totalUsd: 35.94, maxTotalUsd: 43.74 }]);
  });
});
