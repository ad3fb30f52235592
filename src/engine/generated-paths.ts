/**
 * Every path the generators can write, over every spec: what a manifest, base.json or a journal
 * read from a repository may name. Those files are repository data, so anyone with a commit can
 * write them; a path outside this set (`.git/hooks/pre-commit`, a user's `NOTES.md`) is one the
 * generator never wrote, and regenerate must never create, overwrite or delete it.
 *
 * Found by running the generators themselves with a sink that keeps the paths and renders nothing,
 * once per combination of the spec's choices that decide which files exist (the generators'
 * pathVariants, made from each spec section's fileChoices and fileExamples). A template added later is covered without being listed anywhere; a generator
 * whose file list came to depend on some other field (a file per region, say) would need that
 * field among its section's fileChoices, and test/regen/generated-paths.test.ts, which renders random
 * specs, fails until it is. A release that stops generating a path must keep accepting it here,
 * or the manifests of projects generated before are refused (none has been retired so far).
 */
import { withDerivedDefaults } from "../spec/resolve.js";
import { validateSpec } from "../spec/validate.js";
import type { Generators } from "./generator.js";
import { runGenerators } from "./render-project.js";
import type { Templates } from "./template-set.js";

const known = new WeakMap<Generators, WeakMap<Templates, ReadonlySet<string>>>();

export function generatedPaths(generators: Generators, templates: Templates): ReadonlySet<string> {
  let byTemplates = known.get(generators);
  if (byTemplates === undefined) {
    byTemplates = new WeakMap();
    known.set(generators, byTemplates);
  }
  let paths = byTemplates.get(templates);
  if (paths === undefined) {
    paths = collectPaths(generators, templates);
    byTemplates.set(templates, paths);
  }
  return paths;
}

/** Whether the generators can write `path`: one of generatedPaths, or a copy of one named by a spec. */
export function isGeneratedPath(generators: Generators, templates: Templates, path: string): boolean {
  const paths = generatedPaths(generators, templates);
  const original = generators.copyOf?.(path);
  return paths.has(path) || (original !== undefined && paths.has(original));
}

function collectPaths(generators: Generators, templates: Templates): ReadonlySet<string> {
  const paths = new Set<string>();
  const options = { generators, templates, version: "0.0.0" };
  for (const answers of generators.pathVariants()) {
    const result = validateSpec(withDerivedDefaults(answers));
    // A combination the rules reject (a queue on a backend the spec lacks) is no spec at all.
    if (result.ok) runGenerators(result.spec, options, (dest) => paths.add(dest));
  }
  return paths;
}
