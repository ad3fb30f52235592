/**
 * What src/web/app.ts and src/web/routes/health.ts list of other components: the imports the
 * components' parts of the composition root need, and the states /readyz reports.
 */
import { Code, identifier, typescript } from "../../src/engine/template-escapes.js";
import type { Contribution, ReadyState } from "../contribution.js";

type Import = NonNullable<Contribution["webImports"]>[number];

/** The web tier's own relative imports; its packages' are written in the template, above these. */
const OWN_IMPORTS: readonly Import[] = [
  { names: typescript`type { Config }`, from: "../lib/config.js" },
  { names: typescript`{ createLogger }`, from: "../lib/logger.js" },
  { names: typescript`{ READ_METHODS, routeToPrimaryRegion }`, from: "../lib/replay.js" },
  { names: typescript`{ forwardedForFromFlyProxy }`, from: "./client-ip.js" },
  { names: typescript`{ hideInternalErrors }`, from: "./errors.js" },
  { names: typescript`{ observeRequests }`, from: "./request-metrics.js" },
  { names: typescript`{ healthRoutes }`, from: "./routes/health.js" },
];

/** Import lines in the order Biome sorts relative ones: by path, `../` before `./`. */
export function appImports(contributed: readonly Import[]): Code[] {
  return [...OWN_IMPORTS, ...contributed]
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0))
    .map(({ names, from }) => typescript`import ${names} from ${from};`);
}

/** The checks app.ts hands to healthRoutes, each for a state /readyz reports. */
export function appProbes(probes: NonNullable<Contribution["probes"]>, states: readonly ReadyState[]) {
  return probes.map(({ key, check }) => {
    if (!states.some((state) => state.key === key)) throw new Error(`no component reports ${key} in /readyz`);
    return { key: identifier(key), check };
  });
}

/** /readyz's probes and its answer: one state per key, in a group's object where the state names one. */
export function readiness(states: readonly ReadyState[]) {
  const keys = states.map((state) => identifier(state.key).source);
  const critical = states.filter((state) => state.critical).map((state) => `${state.key} === "down"`);
  const fields: string[] = [];
  for (const { key, group } of states) {
    if (group === undefined) fields.push(key);
    else if (!fields.some((field) => field.startsWith(`${group}: `))) {
      const members = states.filter((state) => state.group === group).map((state) => state.key);
      fields.push(`${identifier(group).source}: { ${members.join(", ")} }`);
    }
  }
  return {
    keys: keys.map((key) => new Code(key)),
    names: new Code(keys.join(", ")),
    probes: new Code(keys.map((key) => `probes.${key}`).join(", ")),
    status: new Code(critical.length === 0 ? "200" : `${critical.join(" || ")} ? 503 : 200`),
    fields: fields.map((field) => new Code(field)),
  };
}
