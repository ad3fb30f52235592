/**
 * The Node the generated repo targets, the base's own npm packages, and the flyctl release. Each
 * component pins the packages it adds in its own folder (its `packages`).
 *
 * NODE_MAJOR is the Node the generated app targets: the Dockerfile's base image, CI's
 * `node-version`, `engines` and `@types/node` all derive from it (test/infra/node-target.test.ts
 * checks that they agree), and our tests run the generated app on it (test/harness/target-node.ts).
 * 24 is the LTS that Fastify, pg-boss and BullMQ test against and GitHub's runners use, supported
 * to 2028-04-30 (Node 20 reached end of life on 2026-04-30). Past 24, Node no longer ships
 * corepack, which the pnpm and yarn setups call (src/spec/package-manager.ts).
 */
export const NODE_MAJOR = 24;

export const BASE_PACKAGES = {
  dependencies: {
    pino: "^10.4.0",
    // Majors chosen when the target was Node 20.
    zod: "^4.6.0",
    "prom-client": "^15.1.3",
  },
  devDependencies: {
    typescript: "~5.9.3",
    tsx: "^4.23.0",
    vitest: "^4.1.0",
    "@types/node": `^${NODE_MAJOR}.0.0`,
  },
} as const;

/** The flyctl release the workflows install. */
export const FLYCTL_VERSION = "0.4.87";
