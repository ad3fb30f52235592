/**
 * The allowed values of the spec's enumerated fields. Kept apart from the zod schema so the flag table
 * (and with it --help and --version) loads without zod: start-up stays near bare node's.
 */
export const AUTO_STOP = ["off", "stop", "suspend"] as const;
export const DATABASE_KINDS = ["postgres", "mpg", "none"] as const;
/** `fly mpg create --plan` (flyctl lower-cases it); only Managed Postgres has plans. */
export const MPG_PLANS = ["basic", "starter", "launch", "scale", "performance"] as const;
/** flyctl's own words (internal/command/postgres/postgres.go@v0.4.87), printed by every `fly postgres` command. */
export const POSTGRES_SUPPORT_NOTICE =
  "Unmanaged Fly Postgres is not supported by Fly.io Support and users are responsible for operations, management, and disaster recovery.";
/** Fly Postgres members in the primary region: 3 for automatic failover, 1 for cheap setups. */
export const POSTGRES_MEMBERS = [1, 3] as const;
/**
 * `fly redis create --plan`, spelled as `fly redis plans` lists them (flyctl matches the name
 * exactly); the fixed-price ones are those of Fly's Upstash docs.
 */
export const UPSTASH_PLANS = [
  "Pay-as-you-go",
  "Fixed 250MB",
  "Fixed 1GB",
  "Fixed 5GB",
  "Fixed 10GB",
  "Fixed 50GB",
] as const;
/** What a BullMQ queue on Upstash gets unless the spec names a plan: the smallest fixed price. */
export const UPSTASH_QUEUE_PLAN = "Fixed 250MB";
export const CACHE_KINDS = ["upstash", "redis-app", "none"] as const;
export const WORKER_KINDS = ["app", "process", "none"] as const;
export const QUEUE_KINDS = ["postgres", "redis"] as const;
export const PACKAGE_MANAGERS = ["npm", "pnpm", "yarn", "bun"] as const;
