/** The web tier has no flags: its settings (port, Machines, auto-stop, size) live in the spec file. */
import type { OptionsSection } from "../../src/cli/options.js";

/** fly.toml's `auto_stop_machines`. */
export const AUTO_STOP = ["off", "stop", "suspend"] as const;

export const web = { name: "web", flags: [] } as const satisfies OptionsSection;
