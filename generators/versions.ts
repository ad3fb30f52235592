/**
 * Versions the generated repo depends on, pinned to majors that run on Node 20 (newer majors of
 * several of them need Node 22; shared/reference/tooling.md §1). One table, so an upgrade is one edit.
 */
export const NODE_MAJOR = 20;

export const DEPENDENCY_VERSIONS = {
  fastify: "^5.12.0",
  pino: "^10.4.0",
  pg: "^8.23.0",
  ioredis: "^5.11.0",
  // pg-boss 11 and 12 need Node 22.
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
  // vitest 5 needs Node 22.
  vitest: "^4.1.0",
  "@types/node": `^${NODE_MAJOR}.19.0`,
  "@types/pg": "^8.23.0",
} as const;

/** superfly/flyctl-actions pinned by commit (tag 1.6), and the flyctl release the workflows install. */
export const FLYCTL_ACTION = "superfly/flyctl-actions/setup-flyctl@ed8efb33836e8b2096c7fd3ba1c8afe303ebbff1";
export const FLYCTL_VERSION = "0.4.87";
