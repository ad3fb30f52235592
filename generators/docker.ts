/** One container image for the web tier and the worker; fly.toml files choose the command. */
import type { Generator } from "./types.js";

export const docker: Generator = {
  component: "docker",
  applies: () => true,
  generate(out) {
    out.file("Dockerfile");
    out.file(".dockerignore", { template: "dockerignore" });
  },
};
