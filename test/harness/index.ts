/**
 * Real servers for tests, on free loopback ports, stopped by afterAll or at the latest when the test
 * process exits: a PostgreSQL 15 primary with an optional streaming replica, and redis-server.
 *
 *   const pg = await startPostgres({ replica: true });  // pg.url(), pg.url("db", "replica"), pg.replica.stop()
 *   const redis = await startRedis();                   // redis.url, redis.stop(), redis.start()
 */
export { stopOnExit } from "./cleanup.js";
export { freePort } from "./ports.js";
export { type PostgresCluster, type PostgresServer, startPostgres } from "./postgres.js";
export { type RedisServer, startRedis } from "./redis.js";
