/**
 * The web tier: its Fly app config (every region, anycast HTTP, and the worker when it is a process
 * group), its server, and the routing of writes to the primary region.
 */
import type { ComponentGenerator } from "../component.js";
import { flyEnvOf } from "../contribution.js";
import { writeConfigs } from "../environments/configs.js";
import { appImports, appProbes, readiness } from "./app-view.js";
import { WEB_PACKAGES, webContributions } from "./contributions.js";
import { webFacts } from "./facts.js";

export const web = {
  component: "web",
  facts: webFacts,
  applies: () => true,
  packages: WEB_PACKAGES,
  contributes: webContributions,
  generate(out) {
    const [release, ...more] = out.view.contributed.tasks.filter((task) => task.release !== undefined);
    if (more.length > 0) throw new Error("fly.toml has one release_command, but more than one task asks to be it");
    writeConfigs(out, "fly.toml", (view) => ({
      ...view,
      release: release && { comment: release.release, command: release.script.command },
      flyEnv: flyEnvOf(view.contributed.env, view.apps.web),
    }));
    out.file("src/lib/replay.ts");
    const { webImports, probes } = out.view.contributed;
    out.file("src/web/app.ts", {
      view: { ...out.view, imports: appImports(webImports), probes: appProbes(probes, out.view.readyz) },
    });
    out.file("src/web/server.ts");
    out.file("src/web/client-ip.ts");
    out.file("src/web/errors.ts");
    out.file("src/web/request-metrics.ts");
    out.file("src/web/routes/health.ts", { view: { ...out.view, readiness: readiness(out.view.readyz) } });
    out.file("test/health.test.ts");
    out.file("test/edge.test.ts");
  },
} satisfies ComponentGenerator;
