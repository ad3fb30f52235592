/** The Redis app of our own (cache "redis-app"): private, on a volume, its config under redis/. Upstash needs no files. */
import type { Generator } from "./types.js";

export const cache: Generator = {
  component: "cache",
  applies: (spec) => spec.cache.kind === "redis-app",
  generate(out) {
    out.file("redis/fly.toml", { template: "fly.toml.hbs" });
    out.file("redis/Dockerfile", { template: "Dockerfile.hbs" });
    out.file("redis/start-redis.sh", { template: "start-redis.sh", mode: 0o755 });
  },
};
