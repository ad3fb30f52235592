/** What the web tier adds to the files of others. */
import { type Contribution, deployTarget, type Packages, packageNames } from "../contribution.js";
import type { Facts } from "../view.js";

export const WEB_PACKAGES: Packages = {
  dependencies: {
    fastify: "^5.12.0",
    // Majors chosen when the target was Node 20.
    "@fastify/helmet": "^13.2.0",
    "@fastify/rate-limit": "^11.2.0",
  },
};

export function webContributions(facts: Facts): Contribution {
  return {
    packages: packageNames(WEB_PACKAGES),
    // Web deploys first, because its release_command migrates the database the worker reads.
    deployTargets: [deployTarget("web", facts.apps.web, "fly.toml")],
    scaleSteps: facts.regions.map((region) => ({
      app: facts.apps.web,
      // With the worker as a process group, fly.toml has [processes] and each group scales apart.
      group: facts.worker.isProcess ? "web" : undefined,
      region,
      count: facts.web.machinesPerRegion,
    })),
    processes: [
      {
        script: {
          name: "start",
          command: "node --enable-source-maps dist/web/server.js",
          readme: "the compiled web tier",
        },
        dev: {
          name: "dev",
          command: "tsx watch --env-file=.env src/web/server.ts",
          readme: "the web tier with reload",
          note: `web tier on http://localhost:${facts.web.port}, reloads on change`,
        },
      },
    ],
  };
}
