/** JSON logs (pino, as Fastify uses it) tagged with the region and process, so Fly's log search can filter. */
import type { FastifyBaseLogger } from "fastify";
import { pino } from "pino";
import type { Config } from "./config.js";

/** The logging calls the app makes: what Fastify's `app.log` and a plain pino logger both offer. */
export type Logger = FastifyBaseLogger;

export function createLogger(config: Config, processName: "web" | "worker" | "migrate"): Logger {
  return pino({
    level: config.logLevel,
    base: { process: processName, region: config.region, machine: process.env.FLY_MACHINE_ID },
    // Request logs carry no headers, but a handler that logs a request or an error must not leak credentials.
    redact: ["req.headers.authorization", "req.headers.cookie", "*.password", "*.connectionString"],
  });
}
