/**
 * A component is a folder: generators/<component>/ and templates/<component>/, which nothing else
 * reaches into but the registry (generators/index.ts), so that adding one touches only its folders
 * and its line there. The variables that carry its connection (DATABASE_URL, REDIS_URL, the
 * bucket's AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_ENDPOINT_URL_S3, AWS_REGION, BUCKET_NAME, and
 * every secret a component stages or has flyctl set) are written only in generators/<component>/ and
 * templates/<component>/. Everywhere else they arrive through the contribution seam.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { ComponentGenerator } from "../../generators/component.js";
import { COMPONENTS, GENERATORS } from "../../generators/index.js";
import { withDerivedDefaults } from "../../src/spec/resolve.js";
import { validateSpec } from "../../src/spec/validate.js";

const ROOT = resolve(import.meta.dirname, "../..");

/** The variables each component owns by name; a new component lists its own here. */
const OWNED: Readonly<Record<string, readonly string[]>> = {
  database: ["DATABASE_URL"],
  cache: ["REDIS_URL"],
  storage: ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_ENDPOINT_URL_S3", "AWS_REGION", "BUCKET_NAME"],
};

function filesUnder(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

const FILES = new Map(
  [...filesUnder("generators"), ...filesUnder("templates")].map((path) => [
    path,
    readFileSync(join(ROOT, path), "utf8"),
  ]),
);

/** Files outside the owner's two folders that name the variable, as a whole word. */
function elsewhere(name: string, owner: string, files: ReadonlyMap<string, string> = FILES): string[] {
  const word = new RegExp(`(?<![A-Za-z0-9_])${name}(?![A-Za-z0-9_])`);
  const own = [`generators/${owner}/`, `templates/${owner}/`];
  return [...files]
    .filter(([path, text]) => !own.some((folder) => path.startsWith(folder)) && word.test(text))
    .map(([path]) => path);
}

/** By component, the secrets it stages on Fly in any spec the generators can write. */
function secretsByComponent(): Map<string, Set<string>> {
  const secrets = new Map<string, Set<string>>();
  for (const answers of GENERATORS.pathVariants()) {
    const result = validateSpec(withDerivedDefaults(answers));
    if (!result.ok) continue;
    const view = GENERATORS.view(result.spec, "0.0.0");
    for (const component of GENERATORS.list as readonly ComponentGenerator[]) {
      if (!component.applies(result.spec)) continue;
      for (const variable of component.contributes?.(view).env ?? []) {
        if (variable.onFly !== "secret" && variable.onFly !== "flyctl-secret") continue;
        secrets.set(component.component, (secrets.get(component.component) ?? new Set()).add(variable.name));
      }
    }
  }
  return secrets;
}

describe("a component's variables live in its folders", () => {
  const secrets = secretsByComponent();

  it.each(Object.entries(OWNED).flatMap(([owner, names]) => names.map((name) => [name, owner])))(
    "%s appears only in the folders of %s",
    (name, owner) => {
      expect(secrets.get(owner), `${owner} declares ${name} as a secret`).toContain(name);
      expect(elsewhere(name, owner)).toEqual([]);
    },
  );

  it("so does every secret any component stages", () => {
    const strays = [...secrets].flatMap(([owner, names]) =>
      [...names].flatMap((name) => elsewhere(name, owner).map((path) => `${name} (${owner}) in ${path}`)),
    );
    expect(strays).toEqual([]);
  });

  it("finds a name written elsewhere, and only as a whole word", () => {
    const files = new Map([
      ["templates/docs/README.md.hbs", "`DATABASE_URL` is set by attach"],
      ["templates/base/src/lib/config.ts.hbs", "DIRECT_DATABASE_URL and DATABASE_URL_X"],
      ["templates/database/src/lib/db.ts", "DATABASE_URL"],
    ]);
    expect(elsewhere("DATABASE_URL", "database", files)).toEqual(["templates/docs/README.md.hbs"]);
  });
});

/** Every module specifier of a file's import and export statements, static and dynamic. */
function specifiers(source: string): string[] {
  return [...source.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)["']([^"']+)["']/g)].map((m) => m[1] as string);
}

/** The code and templates of the package, tests aside: what a component's folders could be reached from. */
const SOURCES = new Map(
  ["src", "generators", "templates", "scripts", "bench"]
    .flatMap(filesUnder)
    .concat(readdirSync(ROOT).filter((name) => name.endsWith(".ts")))
    .map((path) => [path, readFileSync(join(ROOT, path), "utf8")]),
);

const REGISTRY = "generators/index.ts";

/**
 * The components others build on, each with the files that may reach into it and why: a new
 * component may use them, and is added without a line here.
 */
const SHARED: Readonly<Record<string, { from: RegExp; because: string }>> = {
  base: {
    from: /^(generators|src\/spec)\//,
    because: "the project's app names, regions, Machine sizes and package managers, which every part names",
  },
  environments: {
    from: /^generators\//,
    because:
      "each deployable part writes its fly config per environment; CI, bootstrap, the README and the estimate go through them",
  },
  database: {
    from: /^generators\/environments\//,
    because: "an environment sets the database's own fields, by the database's rules",
  },
  web: {
    from: /^generators\/environments\//,
    because: "an environment sets the web tier's own fields, by its rules",
  },
  worker: {
    from: /^(generators\/environments\/|generators\/database\/pool-budget\.ts$)/,
    because:
      "an environment sets the worker's own fields; the database's pool budget counts the worker's pg-boss pools",
  },
};

/** Files outside a component's folders, the registry aside, that import from them or name its templates. */
function reaching(
  component: string,
  sources: ReadonlyMap<string, string> = SOURCES,
  shared: typeof SHARED = SHARED,
): string[] {
  const folders = [`generators/${component}/`, `templates/${component}/`];
  return [...sources]
    .filter(([path]) => path !== REGISTRY && !folders.some((folder) => path.startsWith(folder)))
    .filter(([path]) => !shared[component]?.from.test(path))
    .flatMap(([path, text]) => {
      const imports = specifiers(text)
        .filter((specifier) => specifier.startsWith("."))
        .map((specifier) => relative(ROOT, resolve(ROOT, dirname(path), specifier)))
        .filter((target) => target.startsWith(folders[0] as string));
      const named = text.includes(folders[1] as string) ? [folders[1]] : [];
      return [...imports, ...named].map((target) => `${path} reaches ${target}`);
    });
}

describe("a component's folders", () => {
  it.each(COMPONENTS.map((component) => [component.name, component] as const))(
    "%s: its generator, if any, goes by the same name, its folder's",
    (name, { generator }) => {
      expect(readdirSync(join(ROOT, "generators"))).toContain(name);
      if (generator) expect(generator.component).toBe(name);
    },
  );

  it.each(COMPONENTS.map(({ name }) => [name]))("%s: only the registry reaches into them", (component) => {
    expect(reaching(component)).toEqual([]);
  });

  it.each(Object.keys(SHARED).map((name) => [name]))("%s is shared because something still reaches into it", (name) => {
    expect(reaching(name, SOURCES, {})).not.toEqual([]);
  });

  it("storage, the last added, is reached by nothing but the registry, nor its answers and facts read elsewhere", () => {
    expect(SHARED.storage).toBeUndefined();
    expect(reaching("storage")).toEqual([]);
    const reads = /\b(?:spec|answers|facts|view)\.storage\b|\{\{[^}]*\bstorage\./;
    const elsewhere = [...SOURCES]
      .filter(([path]) => !path.startsWith("generators/storage/") && !path.startsWith("templates/storage/"))
      .filter(([, text]) => reads.test(text))
      .map(([path]) => path);
    expect(elsewhere).toEqual([]);
  });

  it("finds an import of a component's module and a mention of its templates", () => {
    const sources = new Map([
      [REGISTRY, 'import { storage } from "./storage/component.js";'],
      ["generators/docs/generator.ts", 'import { bucketOf } from "../storage/spec.js";'],
      ["src/cli/x.ts", 'const x = await import("../../generators/storage/facts.js");'],
      ["generators/ci/generator.ts", "// see templates/storage/src/lib/storage.ts"],
      ["generators/storage/facts.ts", 'import { bucketOf } from "./spec.js";'],
    ]);
    expect(reaching("storage", sources)).toEqual([
      "generators/docs/generator.ts reaches generators/storage/spec.js",
      "src/cli/x.ts reaches generators/storage/facts.js",
      "generators/ci/generator.ts reaches templates/storage/",
    ]);
  });
});
