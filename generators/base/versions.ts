/**
 * Versions the generated repo depends on. One table, so an upgrade is one edit.
 *
 * NODE_MAJOR is the Node the generated app targets: the Dockerfile's base image, CI's
 * `node-version`, `engines` and `@types/node` all derive from it (test/infra/node-target.test.ts
 * checks that they agree), and our tests run the generated app on it (test/harness/target-node.ts).
 * 24 is the LTS that Fastify, pg-boss and BullMQ test against and GitHub's runners use, supported
 * to 2028-04-30 (Node 20 reached end of life on 2026-04-30). Past 24, Node no longer ships
 * corepack, which the pnpm and yarn setups call (src/spec/package-manager.ts).
 */
export const NODE_MAJOR = 24;

export const DEPENDENCY_VERSIONS = {
  fastify: "^5.12.0",
  pino: "^10.4.0",
  pg: "^8.23.0",
  ioredis: "^5.11.0",
  // The majors below were chosen when the target was Node 20; pg-boss 11+ (Node 22+) is an upgrade of its own.
  "pg-boss": "^10.4.0",
  bullmq: "^6.7.0",
  zod: "^4.6.0",
  "@fastify/helmet": "^13.2.0",
  "@fastify/rate-limit": "^11.2.0",
  "prom-client": "^15.1.3",
} as const;

export const DEV_DEPENDENCY_VERSIONS = {
  typescript: "~5.9.3",
  tsx: "^4.23.0",
  vitest: "^4.1.0",
  "@types/node": `^${NODE_MAJOR}.0.0`,
  "@types/pg": "^8.23.0",
} as const;

/** The flyctl release the workflows install. */
export const FLYCTL_VERSION = "0.4.87";
