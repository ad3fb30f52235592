/** The web tier's entry point (`npm start`, fly.toml's web process). */
import { loadConfigOrExit } from "../lib/config.js";
import { METRICS_PORTS, serveMetrics } from "../lib/metrics.js";
import { onShutdown, SHUTDOWN_BUDGETS } from "../lib/shutdown.js";
import { createApp } from "./app.js";

const config = loadConfigOrExit();
const app = await createApp(config);

// Fly Proxy keeps connections open. During shutdown each response closes its connection, so the
// server drains as soon as in-flight requests are done instead of waiting for clients to hang up.
let draining = false;
app.addHook("preClose", async () => {
  draining = true;
});
app.addHook("onSend", async (_request, reply) => {
  if (draining) reply.header("connection", "close");
});

// `::` is dual-stack: Fly Proxy reaches it over IPv4, other apps over the IPv6 private network.
await app.listen({ host: "::", port: config.port });
const metrics = await serveMetrics(config.metricsPort ?? METRICS_PORTS.web, app.log);
onShutdown(app.log, SHUTDOWN_BUDGETS.web.graceMs, async () => {
  await app.close();
  await metrics.close();
});
