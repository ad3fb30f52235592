/**
 * The Node major the generated app targets (NODE_MAJOR in generators/base/versions.ts), from the npm
 * registry's node-<os>-<arch> package, installed once into node_modules/.cache: the generated app's
 * processes and its own tests run on it, not on whichever Node runs our tests.
 *
 *   spawn(await targetNode(), ["dist/web/server.js"])
 *   execFile("npm", ["test"], { env: await onTargetNode(process.env) })
 *
 * Run as a script (`npx tsx test/harness/target-node.ts`), it installs the binary and prints its path.
 */
import { delimiter, dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { NODE_MAJOR } from "../../generators/base/versions.js";
import { installOnce } from "./install-once.js";

const PACKAGE = `node-${process.platform}-${process.arch}`;

/** The path of the target Node's binary. */
export async function targetNode(): Promise<string> {
  const dir = await installOnce("fly-ref-arch-target-node", { dependencies: { [PACKAGE]: String(NODE_MAJOR) } });
  return join(dir, "node_modules", PACKAGE, "bin", "node");
}

/**
 * `env` with the target Node first on PATH: npm, npx and every `#!/usr/bin/env node` script then run
 * on it. The variables an outer npm exports to its scripts (npm_*, NODE) go: they describe that npm
 * and its Node, and `npm_config_prefix` would put the outer Node's bin folder first again.
 */
export async function onTargetNode(env: NodeJS.ProcessEnv): Promise<NodeJS.ProcessEnv> {
  const own = Object.fromEntries(Object.entries(env).filter(([name]) => !/^npm_/i.test(name) && name !== "NODE"));
  return { ...own, PATH: [dirname(await targetNode()), env.PATH].filter(Boolean).join(delimiter) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(await targetNode());
}
