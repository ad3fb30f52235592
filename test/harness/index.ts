/**
 * Real servers for tests, on free loopback ports, stopped by afterAll or at the latest when the test
 * process exits: a PostgreSQL 15 primary with an optional streaming replica, redis-server, and an
 * S3 API (s3rver) for Tigris.
 *
 *   const pg = await startPostgres({ replica: true });  // pg.url(), pg.url("db", "replica"), pg.replica.stop()
 *   const redis = await startRedis();                   // redis.url, redis.stop(), redis.start()
 *   const s3 = await startS3({ buckets: ["media"] });   // s3.env("media"), s3.stop()
 */
export { stopOnExit } from "./cleanup.js";
export { freePort } from "./ports.js";
export { type PostgresCluster, type PostgresServer, startPostgres } from "./postgres.js";
export { type RedisServer, startRedis } from "./redis.js";
export { type S3Options, type S3Server, startS3 } from "./s3.js";
