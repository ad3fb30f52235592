/**
 * /healthz: the process is up (Fly's http check; never touches a dependency, so a database outage does
 * not take every Machine out of the proxy). /readyz: each dependency's state; 503 only when the primary
 * database is down, since everything else degrades gracefully.
 */
import type { FastifyInstance } from "fastify";
import type { Config } from "../../lib/config.js";
import { within } from "../../lib/deadline.js";

export type DependencyState = "ok" | "down" | "none";
type Probe = () => Promise<unknown>;

export interface Probes {
  primary?: Probe;
  replica?: Probe;
  cache?: Probe;
  queue?: Probe;
  storage?: Probe;
}

const PROBE_TIMEOUT_MS = 1_000;

async function check(probe: Probe | undefined): Promise<DependencyState> {
  if (!probe) return "none";
  return within(probe(), PROBE_TIMEOUT_MS, "probe").then(
    () => "ok",
    () => "down",
  );
}

export function healthRoutes(app: FastifyInstance, config: Config, probes: Probes): void {
  // Fly checks this every 15 s on every Machine: logged only when something goes wrong.
  app.get("/healthz", { logLevel: "warn" }, async () => ({ status: "ok" }));

  app.get("/readyz", async (_request, reply) => {
    const [primary, replica, cache, queue, storage] = await Promise.all(
      [probes.primary, probes.replica, probes.cache, probes.queue, probes.storage].map(check),
    );
    return reply.code(primary === "down" ? 503 : 200).send({
      region: config.region,
      primaryRegion: config.primaryRegion,
      db: { primary, replica },
      cache,
      queue,
      storage,
    });
  });
}
