/**
 * Every path the generators can write, over every spec: what a manifest, base.json or a journal
 * read from a repository may name. Those files are repository data, so anyone with a commit can
 * write them; a path outside this set (`.git/hooks/pre-commit`, a user's `NOTES.md`) is one the
 * generator never wrote, and regenerate must never create, overwrite or delete it.
 *
 * Found by running the generators themselves with a sink that keeps the paths and renders nothing,
 * once per combination of the spec's choices that decide which files exist (each component's
 * `fileChoices`). A template or generator added later is covered without being listed anywhere; a
 * generator whose file list came to depend on some other field (a file per region, say) would need
 * that field among its section's fileChoices, and
 * test/regen/generated-paths.test.ts, which renders random specs, fails until it is. A release that
 * stops generating a path must keep accepting it here, or the manifests of projects generated
 * before are refused (none has been retired so far).
 */
import { type PartialSpec, withDerivedDefaults } from "../spec/resolve.js";
import { fileChoices } from "../spec/schema.js";
import type { FileChoice } from "../spec/section.js";
import { validateSpec } from "../spec/validate.js";
import { runGenerators } from "./render-project.js";
import type { Templates } from "./template-set.js";

const known = new WeakMap<Templates, ReadonlySet<string>>();

export function generatedPaths(templates: Templates): ReadonlySet<string> {
  let paths = known.get(templates);
  if (paths === undefined) {
    paths = collectPaths(templates);
    known.set(templates, paths);
  }
  return paths;
}

function collectPaths(templates: Templates): ReadonlySet<string> {
  const paths = new Set<string>();
  for (const answers of combinations(fileChoices, { name: "paths" })) {
    const result = validateSpec(withDerivedDefaults(answers));
    // A combination the rules reject (a queue without its backend) is no spec at all.
    if (result.ok) runGenerators(result.spec, "0.0.0", templates, (dest) => paths.add(dest));
  }
  return paths;
}

/** `answers` with every combination of the choices' values set. */
function combinations(choices: readonly FileChoice[], answers: PartialSpec): PartialSpec[] {
  const [first, ...rest] = choices;
  if (!first) return [answers];
  return first.values.flatMap((value) => combinations(rest, withValue(answers, first.path, value)));
}

function withValue(answers: PartialSpec, path: readonly string[], value: unknown): PartialSpec {
  const [key, ...rest] = path as [keyof PartialSpec & string, ...string[]];
  const inner = rest.length === 0 ? value : withValue((answers[key] ?? {}) as PartialSpec, rest, value);
  return { ...answers, [key]: inner };
}
