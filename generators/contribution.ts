/**
 * The seam between components: what a component adds to files that other components own. The
 * owner's template loops over what every component of the spec contributed, in registry order, so
 * a new component fills these in its own folder instead of editing the owners' templates.
 */
import type { Code } from "../src/engine/template-escapes.js";
import type { ComponentGenerator } from "./component.js";
import type { Facts } from "./view.js";

/** One setting the app reads from its environment. */
export interface EnvVar {
  readonly name: string;
  /**
   * Where src/lib/config.ts and the README list it: with the connections to backing services, or
   * with the operational settings (metrics, rate limits, jobs).
   */
  readonly section: "connections" | "operations";
  /** Its schema in config.ts, which defines `ms(default)` for durations in milliseconds. */
  readonly zod: Code;
  /** config.ts's comment on it, a line each. */
  readonly doc?: readonly string[];
  /** Its field in the app's Config: one of its own, or one of the object `group`. */
  readonly field: { readonly key: string; readonly type: Code; readonly group?: ConfigGroup };
  /** The Fly apps that read it. */
  readonly apps?: readonly string[];
  /**
   * How the apps get it on Fly: a secret the contributor's bootstrap step stages on each app that
   * reads it (bootstrap's CONSUMER_APPS lists them); a secret flyctl sets itself on the one app the
   * step names, in the call that creates the resource ("flyctl-secret": bootstrap loops over no
   * apps for it); or a fixed value in their fly.toml [env]. Unset: its default in config.ts applies.
   */
  readonly onFly?: "secret" | "flyctl-secret" | { readonly value: string };
  /** Its line in .env.example; `commented` leaves it out of effect, `note` is a comment line above it. */
  readonly example?: { readonly value: string; readonly commented?: boolean; readonly note?: string };
  /**
   * Its value in CI, for a service container: the server's URL, or a setting the container takes
   * (credentials). The app's tests take it from the environment.
   */
  readonly ci?: string;
  /** What it means, for the README's table of settings. */
  readonly readme?: string;
}

/** An object of settings in Config, e.g. `database: DatabaseLimits`. */
export interface ConfigGroup {
  readonly key: string;
  readonly type: string;
}

/** Code that runs: package.json's scripts, the README's commands, the develop steps. */
export interface Runnable {
  /** The compiled code: `start`, and the README's description ("the compiled web tier"). */
  readonly script: { readonly name: string; readonly command: string; readonly readme: string };
  /** From source, with reload for a process: `dev`; `note` is its comment in the README's develop steps. */
  readonly dev: { readonly name: string; readonly command: string; readonly readme: string; readonly note: string };
}

/** Something run before the processes start, by hand and in CI after the build; one may be the release command. */
export interface Task extends Runnable {
  /** Runs as the web app's release_command, with this comment in fly.toml. At most one task has it. */
  readonly release?: string;
}

/** A state /readyz reports, for every spec: "none" when the spec lacks what it checks. */
export interface ReadyState {
  readonly key: string;
  /** The object of the response it sits in (`db: { primary, replica }`). */
  readonly group?: string;
  /** /readyz answers 503 when this is down; the app degrades gracefully without the others. */
  readonly critical?: boolean;
}

/** One Fly app that CI deploys, in deploy order, with the GitHub secret holding its deploy token. */
export interface DeployTarget {
  readonly key: string;
  readonly app: string;
  readonly config: string;
  /** The job this one waits for. */
  readonly needs: string | undefined;
  /** bootstrap.sh's variable holding the app's name. */
  readonly variable: string;
  readonly tokenSecret: string;
  /** The workflow expression that reads the token: `${{ secrets.NAME }}`. */
  readonly tokenExpression: string;
}

/** Machines one `fly scale count` sets: one region per command, as a region list would be a total. */
export interface ScaleStep {
  readonly app: string;
  /** Set only when the app's fly.toml has [processes]; otherwise flyctl's default group applies. */
  readonly group: string | undefined;
  readonly region: string;
  readonly count: number;
}

/** What bootstrap.sh provisions: a function of the contributor's `bootstrap-provision` partial. */
export interface BootstrapStep {
  readonly call: string;
  /** For its usage text: "Upstash Redis". */
  readonly summary: string;
  /**
   * The function (of the same partial) that removes what the spec no longer has, run after every
   * addition: each removal through bootstrap.sh's `remove`, carried out only with --prune.
   * `summary` completes the usage text's "Machines in a region it dropped, …".
   */
  readonly prune?: { readonly call: string; readonly summary: string };
}

/**
 * Places in other components' templates that a component fills with a partial of its own,
 * templates/<component>/_partials/<slot>.<format>.hbs, rendered with the whole view.
 */
export const SLOTS = [
  "web-app-open",
  "web-app-routes",
  "ci-services",
  "bootstrap-variables",
  "bootstrap-preview",
  "bootstrap-helpers",
  "bootstrap-apps",
  "bootstrap-preflight",
  "bootstrap-provision",
  "readme-diagram-primary",
  "readme-diagram-region",
  "readme-diagram",
  "readme-services",
  "readme-reads",
  "readme-consistency",
  "readme-behaviour",
  "readme-sections",
  "readme-bootstrap",
  "readme-deploy",
  "readme-prune",
  "readme-rotate",
  "teardown-usage",
  "teardown-kept",
] as const;
export type Slot = (typeof SLOTS)[number];

/** Everything a component may add to what others own; a component of the spec returns what it adds. */
export interface Contribution {
  readonly env?: readonly EnvVar[];
  /** npm packages, by name, from the contributor's own `packages`. */
  readonly packages?: readonly string[];
  /** Long-running processes: the web tier, the worker. */
  readonly processes?: readonly Runnable[];
  readonly tasks?: readonly Task[];
  /** Checks of src/web/app.ts's /readyz, by the key of one of the contributor's `readyz` states. */
  readonly probes?: readonly { readonly key: string; readonly check: Code }[];
  /** What src/web/app.ts imports for the contributor's `web-app-*` partials. */
  readonly webImports?: readonly { readonly names: Code; readonly from: string }[];
  /** vitest's globalSetup files. */
  readonly testSetup?: readonly string[];
  /** Folders the image needs besides dist/. */
  readonly imageFolders?: readonly string[];
  readonly deployTargets?: readonly DeployTarget[];
  readonly scaleSteps?: readonly ScaleStep[];
  /** The service containers of the CI job, by what the README calls them ("Postgres"). */
  readonly ciServices?: readonly string[];
  readonly bootstrapSteps?: readonly BootstrapStep[];
  /** What running the app locally needs: "a local Redis". */
  readonly localServers?: readonly string[];
  readonly partials?: readonly Slot[];
}

/** Every component's contribution together: each list in registry order. */
export type Contributions = {
  readonly [K in Exclude<keyof Contribution, "packages" | "partials">]-?: NonNullable<Contribution[K]>;
} & {
  readonly dependencies: Readonly<Record<string, string>>;
  readonly devDependencies: Readonly<Record<string, string>>;
};

/** By slot, the components that fill it, in registry order. */
export type Partials = Readonly<Record<Slot, readonly string[]>>;

/** The npm packages a component may add, with the versions it pins. */
export interface Packages {
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly devDependencies?: Readonly<Record<string, string>>;
}

/** The variables with a fixed value on Fly that `app` reads: its fly.toml's [env] entries. */
export function flyEnvOf(env: readonly EnvVar[], app: string): { name: string; value: string }[] {
  return env.flatMap(({ name, onFly, apps }) =>
    typeof onFly === "object" && apps?.includes(app) ? [{ name, value: onFly.value }] : [],
  );
}

/** Every package of a table, by name: for a component that always adds all it pins. */
export function packageNames(packages: Packages): string[] {
  return [...Object.keys(packages.dependencies ?? {}), ...Object.keys(packages.devDependencies ?? {})];
}

/** `FLY_API_TOKEN_WEB` for key `web`: the token and the bootstrap variable are named after the key. */
export function deployTarget(key: string, app: string, config: string, needs?: string): DeployTarget {
  const upper = key.toUpperCase();
  const tokenSecret = `FLY_API_TOKEN_${upper}`;
  return {
    key,
    app,
    config,
    needs,
    variable: `${upper}_APP`,
    tokenSecret,
    tokenExpression: `\${{ secrets.${tokenSecret} }}`,
  };
}

type ListKey = Exclude<keyof Contribution, "packages" | "partials">;
type Lists = { -readonly [K in ListKey]: NonNullable<Contribution[K]>[number][] };

/** What the components of a spec contribute, gathered in registry order. */
export function collect(
  components: readonly ComponentGenerator[],
  facts: Facts,
): { contributed: Contributions; partials: Partials } {
  const lists: Lists = {
    env: [],
    processes: [],
    tasks: [],
    probes: [],
    webImports: [],
    testSetup: [],
    imageFolders: [],
    deployTargets: [],
    scaleSteps: [],
    ciServices: [],
    bootstrapSteps: [],
    localServers: [],
  };
  const dependencies: Record<string, string> = {};
  const devDependencies: Record<string, string> = {};
  const partials = Object.fromEntries(SLOTS.map((slot) => [slot, [] as string[]])) as Record<Slot, string[]>;
  for (const component of components) {
    const contribution = component.contributes?.(facts) ?? {};
    for (const key of Object.keys(lists) as ListKey[]) (lists[key] as unknown[]).push(...(contribution[key] ?? []));
    for (const name of contribution.packages ?? []) {
      const { dependencies: own = {}, devDependencies: ownDev = {} } = component.packages ?? {};
      const version = own[name] ?? ownDev[name];
      if (version === undefined) throw new Error(`${component.component} adds ${name}, which its packages lack`);
      (name in own ? dependencies : devDependencies)[name] = version;
    }
    for (const slot of contribution.partials ?? []) partials[slot].push(component.component);
  }
  return { contributed: { ...lists, dependencies, devDependencies }, partials };
}
