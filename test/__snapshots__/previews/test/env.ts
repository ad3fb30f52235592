/** The servers the tests use: the ones your shell (or CI's job) names. */
const SERVERS = ["DATABASE_URL", "REDIS_URL"] as const;

/**
 * The environment a test runs in: the app as a Machine in the primary region, iad.
 * It takes only the servers in SERVERS from your shell: a shell or CI job that sets PRIMARY_REGION,
 * FLY_REGION or a replica URL does not change what a test sees. A test that needs another region
 * or server says so in `overrides`.
 */
export function testEnv(overrides: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PRIMARY_REGION: "iad", LOG_LEVEL: "error" };
  for (const name of SERVERS) env[name] = process.env[name];
  return { ...env, ...overrides };
}

/** A local port nothing listens on: connections to it are refused at once. */
export const DEAD_PORT = 1;
