/** scripts/bootstrap.sh: provisions the Fly resources the spec describes, idempotently, with --dry-run. */
import type { Component } from "../component.js";

export const bootstrap = {
  component: "bootstrap",
  applies: () => true,
  generate(out) {
    const secrets = out.view.contributed.env.filter((variable) => variable.onFly === "secret");
    out.file("scripts/bootstrap.sh", {
      mode: 0o755,
      view: {
        ...out.view,
        secrets: secrets.map((variable) => variable.name),
        consumerApps: [...new Set(secrets.flatMap((variable) => variable.apps ?? []))],
      },
    });
  },
} satisfies Component;
