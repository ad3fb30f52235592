/** One container image for the web tier and the worker; fly.toml files choose the command. */
import type { ComponentGenerator } from "../component.js";

export const docker = {
  component: "docker",
  applies: () => true,
  generate(out) {
    out.file("Dockerfile");
    out.file(".dockerignore", { template: "dockerignore" });
  },
} satisfies ComponentGenerator;
