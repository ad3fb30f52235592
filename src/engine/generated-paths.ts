/**
 * Every path the generators can write, over every spec: what a manifest, base.json or a journal
 * read from a repository may name. Those files are repository data, so anyone with a commit can
 * write them; a path outside this set (`.git/hooks/pre-commit`, a user's `NOTES.md`) is one the
 * generator never wrote, and regenerate must never create, overwrite or delete it.
 *
 * Found by running the generators themselves with a sink that keeps the paths and renders nothing,
 * once per combination of the spec's choices that decide which files exist. A template or generator
 * added later is covered without being listed anywhere; a generator whose file list came to depend
 * on some other field (a file per region, say) would need that field here, and
 * test/regen/generated-paths.test.ts, which renders random specs, fails until it is. A release that
 * stops generating a path must keep accepting it here, or the manifests of projects generated
 * before are refused (none has been retired so far).
 */
import { CACHE_KINDS, DATABASE_KINDS, PACKAGE_MANAGERS, QUEUE_KINDS, WORKER_KINDS } from "../spec/choices.js";
import { withDerivedDefaults } from "../spec/resolve.js";
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
  for (const database of DATABASE_KINDS)
    for (const cache of CACHE_KINDS)
      for (const worker of WORKER_KINDS)
        for (const queue of QUEUE_KINDS)
          for (const packageManager of PACKAGE_MANAGERS) {
            const result = validateSpec(
              withDerivedDefaults({
                name: "paths",
                database: { kind: database },
                cache: { kind: cache },
                worker: { kind: worker, queue },
                packageManager,
              }),
            );
            // A combination the rules reject (a Redis queue without Redis) is no spec at all.
            if (result.ok) runGenerators(result.spec, "0.0.0", templates, (dest) => paths.add(dest));
          }
  return paths;
}
