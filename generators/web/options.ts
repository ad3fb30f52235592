/** The web tier has no flags: its settings (port, Machines, auto-stop, size) live in the spec file. */

/** fly.toml's `auto_stop_machines`. */
export const AUTO_STOP = ["off", "stop", "suspend"] as const;
