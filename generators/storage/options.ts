/** Object storage on the command line: a Tigris bucket, or none. */
import type { OptionDef } from "../../src/cli/options.js";

export const STORAGE_KINDS = ["tigris", "none"] as const;

export const STORAGE_DEFAULTS = { kind: "none" } as const;

export const flags: readonly OptionDef[] = [
  {
    name: "storage",
    type: "string",
    value: `<${STORAGE_KINDS.join("|")}>`,
    help: `Tigris object storage (a bucket and a sample file API), or none (default: ${STORAGE_DEFAULTS.kind})`,
    specPath: ["storage", "kind"],
    choices: STORAGE_KINDS,
  },
];
