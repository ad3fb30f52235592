/**
 * The commands behind one dynamic import. They share most of their code (the spec schema, the
 * templates, the engine); imported apart, the bundler splits that code into a chunk per set of
 * importers, and each chunk is one more module for node to resolve, read and link on every run.
 */
export { runCost } from "./cost.js";
export { runCreate } from "./create.js";
export { runRegenerate } from "./regenerate.js";
