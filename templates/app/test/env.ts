/**
 * The environment the tests run in: yours (DATABASE_URL, REDIS_URL, … naming real servers), acting
 * as the primary region unless a test says otherwise.
 */
export function testEnv(overrides: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PRIMARY_REGION: "iad", LOG_LEVEL: "error", ...process.env };
  delete env.FLY_REGION;
  delete env.DATABASE_REPLICA_URL;
  return { ...env, ...overrides };
}

/** A local port nothing listens on: connections to it are refused at once. */
export const DEAD_PORT = 1;
