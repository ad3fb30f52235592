/** The generated repo's README: what was built, the architecture diagram, and how to run and deploy it. */
import type { Generator } from "./types.js";

export const docs: Generator = {
  component: "docs",
  applies: () => true,
  generate(out) {
    out.file("README.md");
  },
};
