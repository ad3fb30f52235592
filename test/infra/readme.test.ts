/**
 * Acceptance 4: the generated README draws the chosen topology (a subgraph per region, the apps,
 * replicas, cache and worker, every edge between declared nodes), has the runbook, and lists
 * exactly the GitHub secrets the deploy workflow reads.
 */
import { describe, expect, it } from "vitest";
import { GENERATORS } from "../../generators/index.js";
import { render, specFrom } from "../helpers/render.js";
import { ALL_CASES } from "./cases.js";

interface Diagram {
  nodes: Map<string, string>;
  subgraphs: Map<string, string[]>;
  edges: [string, string][];
}

/** The flowchart's nodes (id → label), subgraphs (id → node ids) and edges, read line by line. */
function parseFlowchart(source: string): Diagram {
  const diagram: Diagram = { nodes: new Map(), subgraphs: new Map(), edges: [] };
  let current: string[] | undefined;
  for (const raw of source.split("\n").slice(1)) {
    const line = raw.trim();
    const subgraph = /^subgraph (\w+)\["(.+)"\]$/.exec(line);
    const edge = /^(\w+) (?:-->(?:\|[^|]+\|)?|-\. .+ \.->) (\w+)$/.exec(line);
    const node = /^(\w+)(?:\(\(|\[\(|\[)"?([^"\]]*)"?(?:\)\)|\)\]|\])$/.exec(line);
    if (line === "") continue;
    if (subgraph) {
      current = [];
      diagram.subgraphs.set(subgraph[1] as string, current);
    } else if (line === "end") {
      current = undefined;
    } else if (edge) {
      diagram.edges.push([edge[1] as string, edge[2] as string]);
    } else if (node) {
      expect(diagram.nodes.has(node[1] as string), `node ${node[1]} declared twice`).toBe(false);
      diagram.nodes.set(node[1] as string, node[2] as string);
      current?.push(node[1] as string);
    } else {
      throw new Error(`unexpected line in the diagram: ${raw}`);
    }
  }
  return diagram;
}

describe.each(ALL_CASES)("README: $name", ({ spec: answers }) => {
  const spec = specFrom(answers);
  const view = GENERATORS.view(spec, "test");
  const tree = render(answers);
  const readme = tree.get("README.md")?.content ?? "";
  const mermaid = /```mermaid\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";

  it("draws the topology: regions, apps, replicas, cache and worker", () => {
    expect(mermaid.startsWith("flowchart LR\n")).toBe(true);
    const body = mermaid.replace(
      "users((Users)) -->|anycast HTTPS| edge[Fly Proxy]\n",
      "users((Users))\nedge[Fly Proxy]\nusers --> edge\n",
    );
    const diagram = parseFlowchart(body);
    expect([...diagram.subgraphs.keys()]).toEqual(spec.regions.map((r) => `region_${r}`));
    for (const region of spec.regions) {
      const members = diagram.subgraphs.get(`region_${region}`) ?? [];
      expect(members).toContain(`web_${region}`);
      expect(members.includes(`db_${region}`)).toBe(spec.database.replicaRegions.includes(region));
    }
    const primary = diagram.subgraphs.get(`region_${spec.primaryRegion}`) ?? [];
    expect(primary.includes("db_primary")).toBe(view.database.enabled);
    expect(primary.includes("worker")).toBe(view.worker.enabled);
    expect(primary.includes("redis")).toBe(view.cache.isRedisApp);
    expect(diagram.nodes.has("redis")).toBe(view.cache.enabled);
    for (const [from, to] of diagram.edges) {
      expect(diagram.nodes.has(from), `edge from undeclared ${from}`).toBe(true);
      expect(diagram.nodes.has(to), `edge to undeclared ${to}`).toBe(true);
    }
    const edges = diagram.edges.map(([a, b]) => `${a}>${b}`);
    for (const replica of spec.database.replicaRegions) expect(edges).toContain(`db_primary>db_${replica}`);
    for (const region of spec.regions.filter((r) => r !== spec.primaryRegion))
      expect(edges).toContain(`web_${region}>web_${spec.primaryRegion}`);
    if (view.worker.queueOnRedis) expect(edges).toContain("worker>redis");
    if (view.worker.queueOnPostgres) expect(edges).toContain("worker>db_primary");
  });

  it("has a runbook: bootstrap, deploy, add a region, rotate tokens", () => {
    const headings = readme.split("\n").filter((l) => l.startsWith("### "));
    expect(headings).toEqual(
      expect.arrayContaining([
        "### First deploy: bootstrap",
        "### GitHub secrets",
        "### Deploy",
        "### Add a region",
        "### Rotate deploy tokens",
      ]),
    );
    expect(readme).toContain("scripts/bootstrap.sh --dry-run");
    expect(readme).toContain("fly tokens revoke");
    expect(readme).toMatch(/fly scale count \d+ --app \S+( --process-group web)? --region <region> --yes/);
  });

  it("lists exactly the GitHub secrets deploy.yml reads", () => {
    const table = readme.slice(readme.indexOf("### GitHub secrets"), readme.indexOf("### Deploy"));
    const listed = [...table.matchAll(/^\| `(FLY_API_TOKEN_\w+)` \| `([a-z0-9-]+)` \|/gm)].map(
      (m) => `${m[1]}:${m[2]}`,
    );
    const workflow = tree.get(".github/workflows/deploy.yml")?.content ?? "";
    const read = new Set([...workflow.matchAll(/secrets\.(\w+)/g)].map((m) => m[1]));
    expect(listed.map((s) => s.split(":")[0]).sort()).toEqual([...read].sort());
    // Production's, then each environment's: FLY_API_TOKEN_STAGING_WEB for staging's web app.
    const environments = [{ name: "", view }, ...view.environmentViews];
    expect(listed).toEqual(
      environments.flatMap(({ name, view: own }) =>
        own.contributed.deployTargets.map(
          (t) => `${name ? t.tokenSecret.replace("TOKEN_", `TOKEN_${name.toUpperCase()}_`) : t.tokenSecret}:${t.app}`,
        ),
      ),
    );
  });

  it("says what the databases are: Fly Postgres unsupported and how it fails over, why a queue's Upstash plan", () => {
    if (view.database.isPostgres) {
      expect(readme).toContain(
        '"Unmanaged Fly Postgres is not supported by Fly.io Support and users are responsible for operations, management, and disaster recovery."',
      );
      expect(readme).toContain("Managed Postgres (`fly mpg`) is the supported choice");
      expect(readme).toContain(view.database.canFailOver ? "so it fails over automatically" : "so it cannot fail over");
    } else {
      expect(readme).not.toContain("not supported by Fly.io Support");
    }
    if (view.cache.upstashQueue) {
      expect(readme).toContain(`on the plan "${view.cache.upstashPlan}"`);
      expect(readme).toContain("BullMQ polls Redis all the time, and\n  pay-as-you-go bills every command.");
    } else {
      expect(readme).not.toContain("BullMQ polls Redis");
    }
  });
});
