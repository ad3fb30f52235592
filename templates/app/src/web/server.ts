/** The web tier's entry point (`npm start`, fly.toml's web process). */
import { loadConfigOrExit } from "../lib/config.js";
import { onShutdown } from "../lib/shutdown.js";
import { createApp } from "./app.js";

const config = loadConfigOrExit();
const app = await createApp(config);
// `::` is dual-stack: Fly Proxy reaches it over IPv4, other apps over the IPv6 private network.
await app.listen({ host: "::", port: config.port });
// fly.toml: kill_timeout = "30s". Fastify stops accepting, lets in-flight requests finish, then closes pools.
onShutdown(app.log, 25_000, () => app.close());
