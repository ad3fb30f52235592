/**
 * The environment the tests run in: yours (the servers your shell's environment names), acting as
 * the primary region unless a test says otherwise.
 */
export function testEnv(overrides: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PRIMARY_REGION: "iad", LOG_LEVEL: "error", ...process.env };
  delete env.FLY_REGION;
  return { ...env, ...overrides };
}

/** A local port nothing listens on: connections to it are refused at once. */
export const DEAD_PORT = 1;
