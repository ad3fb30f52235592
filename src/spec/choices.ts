/**
 * The allowed values of the spec's enumerated fields. Kept apart from the zod schema so the flag table
 * (and with it --help and --version) loads without zod: start-up stays near bare node's.
 */
export const AUTO_STOP = ["off", "stop", "suspend"] as const;
export const DATABASE_KINDS = ["postgres", "mpg", "none"] as const;
/** `fly mpg create --plan` (flyctl lower-cases it); only Managed Postgres has plans. */
export const MPG_PLANS = ["basic", "starter", "launch", "scale", "performance"] as const;
export const CACHE_KINDS = ["upstash", "redis-app", "none"] as const;
export const WORKER_KINDS = ["app", "process", "none"] as const;
export const QUEUE_KINDS = ["postgres", "redis"] as const;
export const PACKAGE_MANAGERS = ["npm", "pnpm", "yarn", "bun"] as const;
