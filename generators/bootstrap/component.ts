/** scripts/bootstrap.sh: provisions everything on Fly. */
import type { Component } from "../component.js";
import { bootstrap as generator } from "./generator.js";

export const bootstrap: Component<never, never> = {
  name: "bootstrap",
  generator,
};
