/**
 * A component is a folder: the variables that carry its connection (DATABASE_URL, REDIS_URL, the
 * bucket's AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_ENDPOINT_URL_S3, AWS_REGION, BUCKET_NAME, and
 * every secret a component stages or has flyctl set) are written only in generators/<component>/ and
 * templates/<component>/. Everywhere else they arrive through the contribution seam.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { ComponentGenerator } from "../../generators/component.js";
import { GENERATORS } from "../../generators/index.js";
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
