/** The estimate as text (the cost command) and as Markdown (for the summary and the generated README). */
import { describe, expect, it } from "vitest";
import { estimateCost } from "../../generators/cost/estimate.js";
import { PRICES_READ_ON } from "../../generators/cost/prices.js";
import { costMarkdownLines, costTextLines } from "../../generators/cost/render.js";
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
