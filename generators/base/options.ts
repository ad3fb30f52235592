/** The project itself on the command line: its name, its Fly organization, its regions, its package manager. */
import type { OptionDef } from "../../src/cli/options.js";
import type { Region } from "../../src/spec/regions.js";

/** Derived names add `-worker` and DNS prefixes add `top1.nearest.of.`: 30 keeps every label short. */
export const NAME_MAX = 30;

export const DEFAULT_ORG = "personal";

export const PACKAGE_MANAGERS = ["npm", "pnpm", "yarn", "bun"] as const;

/** The seed architecture: US East primary, London and Tokyo at the edge. */
export const DEFAULT_REGIONS: readonly Region[] = ["iad", "lhr", "nrt"];

export const flags: readonly OptionDef[] = [
  {
    name: "name",
    type: "string",
    value: "<name>",
    help: "base name of the Fly apps (default: the directory's name)",
    specPath: ["name"],
  },
  {
    name: "org",
    type: "string",
    value: "<slug>",
    help: `Fly organization (default: ${DEFAULT_ORG})`,
    specPath: ["org"],
  },
  {
    name: "regions",
    type: "string",
    value: "<a,b,c>",
    help: `web regions (default: ${DEFAULT_REGIONS.join(",")})`,
    specPath: ["regions"],
    list: true,
    required: true,
  },
  {
    name: "primary-region",
    type: "string",
    value: "<code>",
    help: "where writes, the database primary and the worker run (default: the first of --regions)",
    specPath: ["primaryRegion"],
  },
  {
    name: "package-manager",
    type: "string",
    value: `<${PACKAGE_MANAGERS.join("|")}>`,
    help: "default: the one running this command",
    specPath: ["packageManager"],
    choices: PACKAGE_MANAGERS,
  },
];
