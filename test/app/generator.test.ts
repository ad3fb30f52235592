/** The app generator's output shape: what each option adds or leaves out, and that the pieces agree. */
import { builtinModules } from "node:module";
import { parse as parseToml } from "smol-toml";
import { describe, expect, it } from "vitest";
import type { Tree } from "../../src/engine/tree.js";
import type { PartialSpec } from "../../src/spec/resolve.js";
import { render } from "../helpers/render.js";

const seed = () => render({ name: "acme" });
const bare = () =>
  render({ name: "acme", database: { kind: "none" }, cache: { kind: "none" }, worker: { kind: "none" } });

const tsFiles = (tree: Tree) => tree.paths().filter((p) => p.endsWith(".ts"));
const packageJson = (tree: Tree) => JSON.parse(tree.get("package.json")?.content ?? "{}");

/** Bare module specifiers imported by the generated TypeScript, as package names. */
function importedPackages(tree: Tree): Set<string> {
  const packages = new Set<string>();
  for (const path of tsFiles(tree)) {
    for (const [, specifier] of tree.get(path)?.content.matchAll(/\bfrom "([^"]+)"/g) ?? []) {
      if (!specifier || specifier.startsWith(".") || specifier.startsWith("node:")) continue;
      const parts = specifier.split("/");
      packages.add(specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] as string));
    }
  }
  return packages;
}

describe("app generator", () => {
  const specs: [string, PartialSpec][] = [
    ["seed", { name: "acme" }],
    ["bullmq", { name: "acme", worker: { kind: "process", queue: "redis" } }],
    ["no cache", { name: "acme", cache: { kind: "none" } }],
    ["no database", { name: "acme", database: { kind: "none" }, worker: { kind: "app", queue: "redis" } }],
    ["bare", { name: "acme", database: { kind: "none" }, cache: { kind: "none" }, worker: { kind: "none" } }],
  ];

  for (const [label, spec] of specs) {
    it(`${label}: every package the code imports is a declared dependency, and every dependency is used`, () => {
      const tree = render(spec);
      const pkg = packageJson(tree);
      const declared = new Set([...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)]);
      const imported = importedPackages(tree);
      for (const name of imported) {
        expect(builtinModules.includes(name), `${name} should be imported as node:${name}`).toBe(false);
        expect(declared, `${name} is imported but not declared`).toContain(name);
      }
      // Runtime dependencies are all imported somewhere (none is dead weight in the image).
      for (const name of Object.keys(pkg.dependencies)) expect(imported, `${name} is never imported`).toContain(name);
    });
  }

  it("emits no database, cache or queue code without them", () => {
    const paths = bare().paths();
    for (const absent of [
      "src/lib/db.ts",
      "src/lib/cache.ts",
      "src/lib/redis.ts",
      "src/lib/queue.ts",
      "src/migrate.ts",
    ])
      expect(paths).not.toContain(absent);
    expect(paths.some((p) => p.startsWith("migrations/") || p.startsWith("src/worker/"))).toBe(false);
    const scripts = packageJson(bare()).scripts;
    expect(Object.keys(scripts)).toEqual(["build", "start", "dev", "test", "typecheck", "regen"]);
    const code = tsFiles(bare())
      .map((p) => bare().get(p)?.content)
      .join("\n");
    expect(code).not.toMatch(/DATABASE_URL|REDIS_URL|ioredis|pg-boss|bullmq/);
  });

  it("picks the queue implementation by backend", () => {
    expect(seed().get("src/lib/queue.ts")?.content).toMatch(/from "pg-boss"/);
    const bull = render({ name: "acme", worker: { kind: "app", queue: "redis" } });
    expect(bull.get("src/lib/queue.ts")?.content).toMatch(/from "bullmq"/);
    expect(packageJson(bull).dependencies).not.toHaveProperty("pg-boss");
  });

  it("fly.toml, fly.worker.toml and package.json run files that the build produces, with source maps", () => {
    for (const tree of [seed(), render({ name: "acme", worker: { kind: "process" } })]) {
      const built = new Set(
        tree
          .paths()
          .filter((p) => p.startsWith("src/") && p.endsWith(".ts"))
          .map((p) => p.replace(/^src\//, "dist/").replace(/\.ts$/, ".js")),
      );
      const commands: string[] = Object.values(packageJson(tree).scripts as Record<string, string>).filter((c) =>
        c.startsWith("node "),
      );
      const web = parseToml(tree.get("fly.toml")?.content ?? "") as Record<string, Record<string, string>>;
      if (web.deploy?.release_command) commands.push(web.deploy.release_command);
      commands.push(...Object.values(web.processes ?? {}));
      const worker = tree.get("fly.worker.toml");
      if (worker) commands.push(...Object.values((parseToml(worker.content) as typeof web).processes ?? {}));
      const dockerCmd = /^CMD \["node", (.+)\]/m.exec(tree.get("Dockerfile")?.content ?? "")?.[1];
      commands.push(`node ${JSON.parse(`[${dockerCmd}]`).join(" ")}`);
      expect(commands.length).toBeGreaterThan(3);
      for (const command of commands) {
        expect(command).toMatch(/^node --enable-source-maps /);
        expect(built, command).toContain(command.replace(/^node --enable-source-maps /, ""));
      }
    }
  });

  it("ships the migrations in the image when there is a database", () => {
    expect(seed().get("Dockerfile")?.content).toMatch(/COPY .*\/app\/migrations \.\/migrations/);
    expect(bare().get("Dockerfile")?.content).not.toMatch(/migrations/);
  });
});
