/** scripts/bootstrap.sh: provisions the Fly resources the spec describes, idempotently, with --dry-run. */
import type { Generator } from "./types.js";

export const bootstrap: Generator = {
  component: "bootstrap",
  applies: () => true,
  generate(out) {
    out.file("scripts/bootstrap.sh", { template: "bootstrap.sh.hbs", mode: 0o755 });
  },
};
