/**
 * The project's frame: package.json, TypeScript config, ignore files, example environment, and the
 * libraries every process of the app shares (configuration, logs, shutdown, deadlines, metrics).
 */
import type { ComponentGenerator, GeneratorOutput } from "../component.js";
import { packageNames } from "../contribution.js";
import type { View } from "../view.js";
import { configView } from "./config-view.js";
import { baseFacts } from "./facts.js";
import { BASE_PACKAGES } from "./versions.js";

/** The line width of the Biome configuration the generated code is formatted by. */
const BIOME_LINE_WIDTH = 120;

export const base = {
  component: "base",
  facts: baseFacts,
  applies: () => true,
  packages: BASE_PACKAGES,
  contributes: () => ({ packages: packageNames(BASE_PACKAGES) }),
  generate(out: GeneratorOutput) {
    const { env } = out.view.contributed;
    out.json("package.json", packageJson(out.view));
    out.file("tsconfig.json");
    out.file("tsconfig.build.json");
    // npm turns a published .gitignore into .npmignore, so the template carries no dot.
    out.file(".gitignore", { template: "gitignore" });
    out.file(".gitattributes", { template: "gitattributes" });
    const examples = env.flatMap(({ name, example }) => (example ? [{ name, ...example }] : []));
    out.file(".env.example", { view: { ...out.view, examples } });
    // Yarn 4 defaults to Plug'n'Play; the Dockerfile and the tools expect a node_modules folder.
    if (out.view.pm.name === "yarn") out.file(".yarnrc.yml", { template: "yarnrc.yml" });

    out.file("src/lib/config.ts", { view: { ...out.view, config: configView(env) } });
    out.file("src/lib/logger.ts");
    out.file("src/lib/shutdown.ts");
    out.file("src/lib/deadline.ts");
    out.file("src/lib/metrics.ts");
    out.file("vitest.config.ts");
    // The servers CI names are the ones the tests take from the environment.
    const testServers = env.filter((variable) => variable.ci !== undefined).map((variable) => variable.name);
    // Past Biome's line width the list goes a name a line, as Biome formats it.
    const oneLine = `const SERVERS = [${testServers.map((name) => JSON.stringify(name)).join(", ")}] as const;`;
    out.file("test/env.ts", { view: { ...out.view, testServers, wrapServers: oneLine.length > BIOME_LINE_WIDTH } });
    out.file("test/config.test.ts");
  },
} satisfies ComponentGenerator;

function packageJson(view: View) {
  const { processes, tasks, dependencies, devDependencies } = view.contributed;
  const scripts: Record<string, string> = { build: "tsc -p tsconfig.build.json" };
  for (const { script, dev } of [...processes, ...tasks]) {
    scripts[script.name] = script.command;
    scripts[dev.name] = dev.command;
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
      ...devDependencies,
      // Pinned to the version that generated the repo, so `regen` merges with the templates it knows.
      "create-fly-ref-arch": view.generatorVersion,
    }),
  };
}

/** Code-point order: localeCompare would load ICU's collation, about 20 ms of a 100 ms start-up. */
function sortKeys(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
