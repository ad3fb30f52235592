/** The worker as an app of its own (a process group lives in the web tier's fly.toml instead). */
import type { Generator } from "./types.js";

export const worker: Generator = {
  component: "worker",
  applies: (spec) => spec.worker.kind === "app",
  generate(out) {
    out.file("fly.worker.toml");
  },
};
