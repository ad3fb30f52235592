/**
 * The web tier: its Fly app config (every region, anycast HTTP, and the worker when it is a process
 * group), its server, and the routing of writes to the primary region.
 */
import type { Component } from "../component.js";
import { webFacts } from "./facts.js";

export const web = {
  component: "web",
  facts: webFacts,
  applies: () => true,
  generate(out) {
    const { database, cache } = out.view;
    out.file("fly.toml");
    out.file("src/lib/replay.ts");
    out.file("src/web/app.ts", { view: { ...out.view, hasDependencies: database.enabled || cache.enabled } });
    out.file("src/web/server.ts");
    out.file("src/web/client-ip.ts");
    out.file("src/web/errors.ts");
    out.file("src/web/request-metrics.ts");
    out.file("src/web/routes/health.ts");
    out.file("test/health.test.ts");
    out.file("test/edge.test.ts");
  },
} satisfies Component;
