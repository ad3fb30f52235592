/**
 * Every valid combination of database × cache × worker × queue, two of them with object storage
 * too, and the distinct generated apps among them: combinations that generate the same TypeScript,
 * configs and dependencies are one app.
 */
import { createHash } from "node:crypto";
import { CACHE_KINDS } from "../../generators/cache/options.js";
import { DATABASE_KINDS } from "../../generators/database/options.js";
import { QUEUE_KINDS, WORKER_KINDS } from "../../generators/worker/options.js";
import type { Tree } from "../../src/engine/tree.js";
import { type PartialSpec, withDerivedDefaults } from "../../src/spec/resolve.js";
import { validateSpec } from "../../src/spec/validate.js";
import { render } from "../helpers/render.js";

export interface Combination {
  label: string;
  answers: PartialSpec;
}

export interface DistinctApp {
  tree: Tree;
  /** The combinations that generate this app; the first one's answers generated `tree`. */
  combinations: Combination[];
}

export function validCombinations(): Combination[] {
  const combinations: Combination[] = [];
  for (const database of DATABASE_KINDS)
    for (const cache of CACHE_KINDS)
      for (const worker of WORKER_KINDS)
        for (const queue of QUEUE_KINDS) {
          // ams offers Managed Postgres, so every database kind is valid there.
          const answers: PartialSpec = {
            name: "combo",
            regions: ["ams", "lhr"],
            database: { kind: database },
            cache: { kind: cache },
            worker: { kind: worker, queue },
          };
          if (validateSpec(withDerivedDefaults(answers)).ok) {
            combinations.push({ label: `db=${database} cache=${cache} worker=${worker} queue=${queue}`, answers });
          }
        }
  // Storage shares code with no other component, only the web tier's wiring and config: it comes
  // with all of them, and alone (each of its 2 apps runs its whole suite, so not with every one).
  for (const label of [
    "db=postgres cache=upstash worker=app queue=postgres",
    "db=none cache=none worker=none queue=postgres",
  ]) {
    const without = combinations.find((combination) => combination.label === label);
    if (!without) throw new Error(`no combination ${label}`);
    combinations.push({
      label: `${label} storage=tigris`,
      answers: { ...without.answers, storage: { kind: "tigris" } },
    });
  }
  return combinations;
}

/** What tsc and vitest see: the TypeScript, the configs and the dependency list. */
function sourceKey(tree: Tree): string {
  const hash = createHash("sha256");
  for (const [path, file] of tree.entries()) {
    if (/^(src|test)\/|^(package|tsconfig|tsconfig\.build)\.json$|^vitest\.config\.ts$/.test(path)) {
      hash.update(`${path}\0${file.content}\0`);
    }
  }
  return hash.digest("hex");
}

export function distinctApps(combinations: Combination[]): DistinctApp[] {
  const groups = new Map<string, DistinctApp>();
  for (const combination of combinations) {
    const tree = render(combination.answers);
    const key = sourceKey(tree);
    const group = groups.get(key) ?? { tree, combinations: [] };
    group.combinations.push(combination);
    groups.set(key, group);
  }
  return [...groups.values()];
}
