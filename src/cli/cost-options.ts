/** The flags and --help of `create-fly-ref-arch cost`; like options.ts, nothing here loads zod. */
import { EXIT_CODES, optionLines } from "./help.js";
import type { OptionDef } from "./options.js";

export const COST_OPTIONS: readonly OptionDef[] = [
  {
    name: "spec",
    type: "string",
    value: "<file>",
    help: "price this spec file (fly-ref-arch.json format) instead of a project's",
  },
  { name: "json", type: "boolean", help: "print the estimate as JSON (its shape: README, section Cost)" },
  { name: "help", short: "h", type: "boolean", help: "show this help" },
];

export function costHelp(): string {
  return [
    "create-fly-ref-arch cost: what the architecture in fly-ref-arch.json costs a month on Fly.io,",
    "per app, volume and plan, from a price table that names its sources and the day they were read.",
    "Machines that auto-stop are priced from the floor that always runs up to all of them running;",
    "bandwidth, inter-region traffic and per-command charges are listed, not added.",
    "",
    "Usage:",
    "  create-fly-ref-arch cost [directory] [options]",
    "",
    "Options:",
    ...optionLines(COST_OPTIONS),
    "",
    ...EXIT_CODES,
  ].join("\n");
}
