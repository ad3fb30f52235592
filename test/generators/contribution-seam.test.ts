/**
 * The contribution seam end to end: a component made up here, added to the registry's list with
 * templates of its own only, reaches every file the other components own, through each kind of
 * contribution and each slot.
 */
import { spawnSync } from "node:child_process";
import { parse as parseToml } from "smol-toml";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import type { ComponentGenerator } from "../../generators/component.js";
import { type Contribution, SLOTS, type Slot } from "../../generators/contribution.js";
import { GENERATORS } from "../../generators/index.js";
import { buildView } from "../../generators/view.js";
import type { Generators } from "../../src/engine/generator.js";
import { renderGenerated } from "../../src/engine/render-project.js";
import { typescript } from "../../src/engine/template-escapes.js";
import { isPartial, partialName, readTemplateSources, TemplateStore } from "../../src/engine/templates.js";
import { withDerivedDefaults } from "../../src/spec/resolve.js";
import { validateSpec } from "../../src/spec/validate.js";
import { specFrom } from "../helpers/render.js";

/** The file each slot's owner writes, and the format of the partials that fill it. */
const SLOT_FILES: [prefix: string, file: string, extension: string][] = [
  ["web-app-", "src/web/app.ts", "ts"],
  ["ci-", ".github/workflows/ci.yml", "yml"],
  ["bootstrap-", "scripts/bootstrap.sh", "sh"],
  ["teardown-", "scripts/teardown.sh", "sh"],
  ["readme-", "README.md", "md"],
];

function slotFile(slot: Slot): { file: string; extension: string } {
  const row = SLOT_FILES.find(([prefix]) => slot.startsWith(prefix));
  if (!row) throw new Error(`no file is known for slot ${slot}`);
  return { file: row[1], extension: row[2] };
}

/** The line a partial prints: a comment in its format (the no-op `:` in shell); `region`: the template's, or a code. */
function marker(slot: Slot, region = "{{text region.code}}"): string {
  const comment = { ts: "  //", yml: "      #", sh: ":", md: "" }[slotFile(slot).extension];
  return `${comment} EXTRA fills ${slot}${slot === "readme-diagram-region" ? ` in ${region}` : ""}`;
}

const SEED_TASK = {
  script: { name: "seed", command: "node dist/seed.js", readme: "the compiled seed" },
  dev: { name: "dev:seed", command: "tsx src/seed.ts", readme: "seed from source", note: "fill the extra server" },
};

function extraContribution(facts: Parameters<NonNullable<ComponentGenerator["contributes"]>>[0]): Contribution {
  return {
    env: [
      {
        name: "EXTRA_URL",
        section: "connections",
        zod: typescript`z.url()`,
        field: { key: "extraUrl", type: typescript`string` },
        apps: facts.consumerApps,
        onFly: "secret",
        example: { value: "extra://localhost:7000" },
        ci: "extra://localhost:7000",
        readme: "the extra server",
      },
      // What flyctl sets on the web app when it creates the extra server, as `fly storage create` does.
      ...["EXTRA_ACCESS_KEY_ID", "EXTRA_SECRET_ACCESS_KEY", "EXTRA_ENDPOINT"].map((name) => ({
        name,
        section: "connections" as const,
        zod: typescript`z.string()`,
        field: { key: name.toLowerCase(), type: typescript`string` },
        apps: [facts.apps.web],
        onFly: "flyctl-secret" as const,
        ci: "test",
      })),
      {
        name: "EXTRA_MODE",
        section: "operations",
        zod: typescript`z.enum(["on", "off"]).default("on")`,
        field: { key: "extraMode", type: typescript`string` },
        apps: [facts.apps.web, facts.apps.worker],
        onFly: { value: "on" },
        readme: "how the extra server is used",
      },
    ],
    packages: ["extra-client"],
    tasks: [SEED_TASK],
    probes: [{ key: "extra", check: typescript`() => extra.ping()` }],
    webImports: [{ names: typescript`{ Extra }`, from: "../lib/extra.js" }],
    testSetup: ["test/extra-setup.ts"],
    imageFolders: ["extra"],
    ciServices: ["Extra"],
    bootstrapSteps: [{ call: "provision_extra", summary: "the extra server" }],
    localServers: ["a local extra server"],
    partials: SLOTS,
  };
}

const extra: ComponentGenerator = {
  component: "extra",
  applies: () => true,
  packages: { dependencies: { "extra-client": "^1.2.3" } },
  readyz: [{ key: "extra" }],
  contributes: extraContribution,
  generate(out) {
    out.file("src/lib/extra.ts");
  },
};

function generatorsWith(...more: ComponentGenerator[]): Generators {
  const list = [...(GENERATORS.list as readonly ComponentGenerator[]), ...more];
  return { list, view: (spec, version) => buildView(list, spec, version), pathVariants: () => [] };
}

const sources = new Map(readTemplateSources());
sources.set("extra/src/lib/extra.ts", "export class Extra {}\n");
for (const slot of SLOTS) sources.set(`extra/_partials/${slot}.${slotFile(slot).extension}.hbs`, `${marker(slot)}\n`);
const templates = new TemplateStore(sources);

// With previews, so that bootstrap's preview slot is rendered too.
const spec = specFrom({ name: "acme", environments: { staging: {} }, previews: true });
const tree = renderGenerated(spec, { generators: generatorsWith(extra), templates, version: "0.0.0" });
const file = (path: string) => tree.get(path)?.content ?? "";

describe("a component that only contributes", () => {
  it.each(SLOTS.map((slot) => [slot, slotFile(slot).file] as const))("fills %s in %s", (slot, path) => {
    for (const region of spec.regions) expect(file(path)).toContain(`${marker(slot, region)}\n`);
  });

  it("puts its variables in config.ts, .env.example, CI, test/env.ts and the README", () => {
    const config = file("src/lib/config.ts");
    expect(config).toContain("  EXTRA_URL: z.url(),\n  EXTRA_ACCESS_KEY_ID: z.string(),\n");
    expect(config).toContain("  EXTRA_ENDPOINT: z.string(),\n  // Operations");
    expect(config).toMatch(
      /RATE_LIMIT_WRITES_PER_MINUTE: .*\n(?:.*\n)* {2}EXTRA_MODE: z\.enum\(\["on", "off"\]\)\.default\("on"\),\n\}\);/,
    );
    expect(config).toContain("  extraUrl: string;\n");
    expect(config).toContain("    extraUrl: e.EXTRA_URL,\n");
    expect(config).toContain("    extraMode: e.EXTRA_MODE,\n  };");
    expect(file(".env.example")).toContain("\nEXTRA_URL=extra://localhost:7000\n");
    expect(parseYaml(file(".github/workflows/ci.yml")).jobs.test.env.EXTRA_URL).toBe("extra://localhost:7000");
    // Too long for a line of Biome's: a name a line, as Biome formats it.
    expect(file("test/env.ts")).toContain(
      'const SERVERS = [\n  "DATABASE_URL",\n  "REDIS_URL",\n  "EXTRA_URL",\n  "EXTRA_ACCESS_KEY_ID",\n  "EXTRA_SECRET_ACCESS_KEY",\n  "EXTRA_ENDPOINT",\n] as const;',
    );
    expect(file("README.md")).toContain("| `EXTRA_URL` | the extra server |");
    expect(file("README.md")).toContain("| `EXTRA_MODE` | how the extra server is used |");
    // CONSUMER_APPS are the apps bootstrap stages secrets on; flyctl sets the others itself.
    expect(file("scripts/bootstrap.sh")).toContain("# The apps that read DATABASE_URL, REDIS_URL and EXTRA_URL.");
  });

  it("sets its fixed values in the [env] of the apps that read them", () => {
    expect((parseToml(file("fly.toml")).env as Record<string, string>).EXTRA_MODE).toBe("on");
    expect((parseToml(file("fly.worker.toml")).env as Record<string, string>).EXTRA_MODE).toBe("on");
  });

  it("adds its package, its task and its folders to package.json, CI, the image and vitest", () => {
    const pkg = JSON.parse(file("package.json"));
    expect(pkg.dependencies["extra-client"]).toBe("^1.2.3");
    expect(pkg.scripts).toMatchObject({ seed: "node dist/seed.js", "dev:seed": "tsx src/seed.ts" });
    expect(file(".github/workflows/ci.yml")).toContain("      - run: npm run migrate\n      - run: npm run seed\n");
    expect(file("Dockerfile")).toContain("COPY --from=build --chown=node:node /app/extra ./extra\n");
    expect(file("vitest.config.ts")).toContain('globalSetup: ["test/global-setup.ts","test/extra-setup.ts"],');
    expect(file("README.md")).toContain("npm run dev:seed       # fill the extra server\n");
    expect(file("README.md")).toContain("| `npm run seed` | the compiled seed |");
  });

  it("wires its probe and its import into the web tier, and /readyz reports it", () => {
    const app = file("src/web/app.ts");
    expect(app).toContain('import { Db } from "../lib/db.js";\nimport { Extra } from "../lib/extra.js";\n');
    expect(app).toContain("    extra: () => extra.ping(),\n  });");
    const health = file("src/web/routes/health.ts");
    expect(health).toContain("  extra?: Probe;\n}");
    expect(health).toContain("const [primary, replica, cache, queue, storage, extra] = await Promise.all(");
    expect(health).toContain("      storage,\n      extra,\n    });");
  });

  it("is provisioned by bootstrap, named in its usage and in the README's lists", () => {
    const bootstrap = file("scripts/bootstrap.sh");
    expect(bootstrap).toContain("  provision_upstash\n  provision_extra\n  deploy_apps\n");
    expect(bootstrap).toContain(
      "in this order: the apps, Fly Postgres and its replicas, Upstash Redis, the extra server.",
    );
    expect(spawnSync("bash", ["-n"], { input: bootstrap }).status).toBe(0);
    const readme = file("README.md");
    expect(readme).toContain(
      "You need Node 24, a local PostgreSQL (15 or newer), a local Redis and a local extra server.",
    );
    expect(readme).toContain("against\nPostgres, Redis and Extra service containers");
  });

  it("leaves the other components' output as it was where it adds nothing", () => {
    const without = renderGenerated(spec, { generators: generatorsWith(), templates, version: "0.0.0" });
    expect(without.get("fly.toml")?.content).toBe(file("fly.toml").replace('  "EXTRA_MODE" = "on"\n', ""));
    expect(tree.paths().filter((path) => !without.has(path))).toEqual(["src/lib/extra.ts"]);
  });
});

describe("the components of the registry", () => {
  it("each fill, in some spec, every slot they have a partial for", () => {
    const declared = new Set<string>();
    // Beside the choices that decide files, one that decides only a partial: bootstrap's check of a
    // Managed Postgres plan flyctl cannot create from a script.
    const performance = { name: "slots", database: { kind: "mpg", mpgPlan: "performance" } } as const;
    // And previews, whose own partials set a preview's database name and Redis key prefix.
    const previews = { name: "slots", environments: { staging: {} }, previews: true } as const;
    for (const answers of [...GENERATORS.pathVariants(), performance, previews]) {
      const result = validateSpec(withDerivedDefaults(answers));
      if (!result.ok) continue;
      const view = GENERATORS.view(result.spec, "0.0.0");
      for (const [slot, components] of Object.entries(view.partials)) {
        for (const component of components) declared.add(`${component}/${slot}`);
      }
    }
    const partials = [...readTemplateSources().keys()]
      .filter(isPartial)
      .map(partialName)
      .filter((name) => (SLOTS as readonly string[]).includes(name.split("/")[1] ?? ""));
    expect(partials.filter((name) => !declared.has(name))).toEqual([]);
    expect([...declared].filter((name) => !partials.includes(name))).toEqual([]);
  });
});

describe("the seam refuses", () => {
  const render = (component: ComponentGenerator) => () =>
    renderGenerated(spec, { generators: generatorsWith(component), templates, version: "0.0.0" });
  const only = (contributes: ComponentGenerator["contributes"]): ComponentGenerator => ({ ...extra, contributes });

  it("a package its component does not pin", () => {
    expect(render(only(() => ({ packages: ["left-pad"] })))).toThrow(/extra adds left-pad, which its packages lack/);
  });

  it("a second release command", () => {
    expect(render(only(() => ({ tasks: [{ ...SEED_TASK, release: "Seeds on release." }] })))).toThrow(
      /more than one task asks to be it/,
    );
  });

  it("a probe for a state no component reports", () => {
    expect(render(only(() => ({ probes: [{ key: "ghost", check: typescript`() => 1` }] })))).toThrow(
      /no component reports ghost in \/readyz/,
    );
  });
});
