/** The web tier's Fly app config: every region, anycast HTTP, and the worker when it is a process group. */
import type { Generator } from "./types.js";

export const web: Generator = {
  component: "web",
  applies: () => true,
  generate(out) {
    out.file("fly.toml");
  },
};
