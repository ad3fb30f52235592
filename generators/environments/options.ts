/** Environments besides production on the command line: their names, each with the cheap defaults. */
import type { OptionDef } from "../../src/cli/options.js";

/** The spec's top level: never the name of an environment of `environments`. */
export const PRODUCTION = "production";

/** The pull-request previews' name in their fly configs: fly.preview.toml, fly.worker.preview.toml. */
export const PREVIEW_CONFIG = "preview";

export const flags: readonly OptionDef[] = [
  {
    name: "environments",
    type: "string",
    value: "<a,b>",
    help: "environments besides production, e.g. staging: one Machine in the primary region, no replicas, the smallest sizes (default: none)",
    specPath: ["environments"],
    list: true,
    keys: true,
  },
  {
    name: "previews",
    type: "boolean",
    help: "a preview of the whole stack for each pull request, on staging's Postgres and Redis; needs --environments staging (default: off)",
    specPath: ["previews"],
  },
];
