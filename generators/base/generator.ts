/**
 * The project's frame: package.json, TypeScript config, ignore files, example environment, and the
 * libraries every process of the app shares (configuration, logs, shutdown, deadlines, metrics).
 */
import { PACKAGE_MANAGERS } from "../../src/spec/choices.js";
import type { Component, GeneratorOutput } from "../component.js";
import type { View } from "../view.js";
import { configView } from "./config-view.js";
import { baseFacts } from "./facts.js";
import { DEPENDENCY_VERSIONS, DEV_DEPENDENCY_VERSIONS } from "./versions.js";

export const base = {
  component: "base",
  facts: baseFacts,
  applies: () => true,
  // .yarnrc.yml is written for yarn only.
  pathVariants: PACKAGE_MANAGERS.map((packageManager) => ({ packageManager })),
  generate(out: GeneratorOutput) {
    out.json("package.json", packageJson(out.view));
    out.file("tsconfig.json");
    out.file("tsconfig.build.json");
    // npm turns a published .gitignore into .npmignore, so the template carries no dot.
    out.file(".gitignore", { template: "gitignore" });
    out.file(".gitattributes", { template: "gitattributes" });
    out.file(".env.example");
    // Yarn 4 defaults to Plug'n'Play; the Dockerfile and the tools expect a node_modules folder.
    if (out.view.pm.name === "yarn") out.file(".yarnrc.yml", { template: "yarnrc.yml" });

    const { env } = out.view.contributed;
    out.file("src/lib/config.ts", { view: { ...out.view, config: configView(env) } });
    out.file("src/lib/logger.ts");
    out.file("src/lib/shutdown.ts");
    out.file("src/lib/deadline.ts");
    out.file("src/lib/metrics.ts");
    out.file("vitest.config.ts");
    // The servers CI names are the ones the tests take from the environment.
    const testServers = env.filter((variable) => variable.ci !== undefined).map((variable) => variable.name);
    out.file("test/env.ts", { view: { ...out.view, testServers } });
    out.file("test/config.test.ts");
  },
} satisfies Component;

function packageJson(view: View) {
  const all = DEPENDENCY_VERSIONS;
  const dependencies: Record<string, string> = { fastify: all.fastify, pino: all.pino, zod: all.zod };
  for (const name of ["@fastify/helmet", "@fastify/rate-limit", "prom-client"] as const) dependencies[name] = all[name];
  if (view.database.enabled) dependencies.pg = all.pg;
  if (view.cache.enabled) dependencies.ioredis = all.ioredis;
  if (view.worker.queueOnPostgres) dependencies["pg-boss"] = all["pg-boss"];
  if (view.worker.queueOnRedis) dependencies.bullmq = all.bullmq;

  const scripts: Record<string, string> = {
    build: "tsc -p tsconfig.build.json",
    start: "node --enable-source-maps dist/web/server.js",
    dev: "tsx watch --env-file=.env src/web/server.ts",
  };
  if (view.worker.enabled) {
    scripts.worker = "node --enable-source-maps dist/worker/main.js";
    scripts["dev:worker"] = "tsx watch --env-file=.env src/worker/main.ts";
  }
  if (view.database.enabled) {
    scripts.migrate = "node --enable-source-maps dist/migrate.js";
    scripts["dev:migrate"] = "tsx --env-file=.env src/migrate.ts";
  }
  scripts.test = "vitest run";
  scripts.typecheck = "tsc --noEmit";
  scripts.regen = "create-fly-ref-arch regenerate";

  return {
    name: view.name,
    version: "0.1.0",
    private: true,
    type: "module",
    engines: { node: `>=${view.nodeMajor}` },
    ...(view.pm.corepackPin ? { packageManager: view.pm.corepackPin } : {}),
    scripts,
    dependencies: sortKeys(dependencies),
    devDependencies: sortKeys({
      ...Object.fromEntries(
        Object.entries(DEV_DEPENDENCY_VERSIONS).filter(([name]) => name !== "@types/pg" || view.database.enabled),
      ),
      // Pinned to the version that generated the repo, so `regen` merges with the templates it knows.
      "create-fly-ref-arch": view.generatorVersion,
    }),
  };
}

/** Code-point order: localeCompare would load ICU's collation, about 20 ms of a 100 ms start-up. */
function sortKeys(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
