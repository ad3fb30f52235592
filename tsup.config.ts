/**
 * The published CLI: dist/cli.js with every dependency bundled in (the package has no runtime
 * dependencies) and the templates precompiled into it. Code only some runs need (the prompts, execa)
 * is split into chunks behind dynamic imports, so --help, --version and --yes never read them.
 */
import { dirname, resolve } from "node:path";
import { defineConfig, type Options } from "tsup";
import packageJson from "./package.json" with { type: "json" };
import { precompiledLoaderSource } from "./scripts/precompile-templates.js";
import { COMPONENT_FLAGS } from "./src/cli/component-flags.js";
import { readTemplateSources } from "./src/engine/templates.js";

type Plugin = NonNullable<Options["esbuildPlugins"]>[number];

const LOADER = resolve("src/engine/load-templates.ts");
const PACKAGE_JSON = resolve("package.json");
const COMPONENT_FLAGS_MODULE = resolve("src/cli/component-flags.ts");

/** Puts precompiled templates in place of the module that reads and compiles them from disk. */
const precompiledTemplates: Plugin = {
  name: "precompiled-templates",
  setup(build) {
    build.onResolve({ filter: /\/load-templates\.js$/ }, (args) =>
      resolve(args.resolveDir, args.path.replace(/\.js$/, ".ts")) === LOADER
        ? { path: LOADER, namespace: "precompiled-templates" }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "precompiled-templates" }, () => ({
      contents: precompiledLoaderSource(readTemplateSources()),
      resolveDir: dirname(LOADER),
      loader: "js",
    }));
  },
};

/**
 * The CLI reads its version and description from package.json; the rest of it (scripts, every
 * devDependency) would be bundled too, and parsed by every run. A field the CLI comes to read must be
 * added here: the built CLI, which the tests run, would see it undefined.
 */
const packageFields: Plugin = {
  name: "package-fields",
  setup(build) {
    build.onLoad({ filter: /[\\/]package\.json$/ }, (args) =>
      args.path === PACKAGE_JSON
        ? {
            contents: JSON.stringify({ version: packageJson.version, description: packageJson.description }),
            loader: "json",
          }
        : undefined,
    );
  },
};

/**
 * Puts the components' flags in place of the module that gathers them from the registry: as data,
 * the parser and --help carry no component, whose modules would bring zod and the generators.
 */
const componentFlags: Plugin = {
  name: "component-flags",
  setup(build) {
    build.onLoad({ filter: /[\\/]component-flags\.ts$/ }, (args) =>
      args.path === COMPONENT_FLAGS_MODULE
        ? { contents: `export const COMPONENT_FLAGS = ${JSON.stringify(COMPONENT_FLAGS)};`, loader: "js" }
        : undefined,
    );
  },
};

export default defineConfig({
  entry: { cli: "src/bin.ts" },
  format: ["esm"],
  target: "node20",
  platform: "node",
  outDir: "dist",
  clean: true,
  splitting: true,
  minify: true,
  sourcemap: false,
  // dist/metafile-esm.json: which chunk holds which module, for test/package/lazy-loading.test.ts (not packed).
  metafile: true,
  noExternal: [/.*/],
  esbuildPlugins: [precompiledTemplates, packageFields, componentFlags],
  // src/bin.ts answers --version from this without loading the CLI.
  define: { __CREATE_FLY_REF_ARCH_VERSION__: JSON.stringify(packageJson.version) },
  // Bundled CommonJS dependencies (cross-spawn in execa) call require() for Node built-ins, which ESM
  // lacks. Made on first call: most chunks never call it, and making one costs every run.
  banner: {
    js: 'import{createRequire as __cr}from"node:module";var __rq;function require(id){return(__rq??=__cr(import.meta.url))(id)}',
  },
});
