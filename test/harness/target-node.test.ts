/** The generated app's tests run on the Node major it targets, whatever Node runs ours. */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, it } from "vitest";
import { NODE_MAJOR } from "../../generators/base/versions.js";
import { onTargetNode, targetNode } from "./target-node.js";

const run = promisify(execFile);
const major = (version: string) => Number(version.trim().replace(/^v/, "").split(".")[0]);

it(`targetNode() is Node ${NODE_MAJOR}`, async () => {
  const { stdout } = await run(await targetNode(), ["-p", "process.versions.node"]);
  expect(major(stdout)).toBe(NODE_MAJOR);
});

it("onTargetNode() makes npm and the scripts it starts run on that Node", async () => {
  const env = await onTargetNode(process.env);
  const script = "console.log(process.versions.node, process.env.npm_config_user_agent)";
  const { stdout } = await run("npm", ["exec", "--yes", "--", "node", "-e", script], { env });
  const [scriptNode, userAgent] = stdout.trim().split(" ", 2);
  expect(major(scriptNode ?? "")).toBe(NODE_MAJOR);
  // npm itself, which names its Node in the user agent it passes on.
  expect(stdout).toContain(`node/v${NODE_MAJOR}.`);
  expect(userAgent).toMatch(/^npm\//);
});
