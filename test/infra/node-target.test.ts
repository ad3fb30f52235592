/**
 * One Node major for the generated app: the Dockerfile's base image, CI's setup-node, `engines` and
 * the `@types/node` major all follow NODE_MAJOR (generators/base/versions.ts), for every case.
 */
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { NODE_MAJOR } from "../../generators/base/versions.js";
import { render } from "../helpers/render.js";
import { ALL_CASES } from "./cases.js";

/** The major each artifact names, read the way its own tool reads it. */
function nodeMajors(files: { dockerfile: string; ci: string; packageJson: string }) {
  const from = /^FROM node:(\d+)-\S+ AS base$/m.exec(files.dockerfile);
  const steps: { uses?: string; with?: Record<string, unknown> }[] = parseYaml(files.ci).jobs.test.steps;
  const setupNode = steps.find((step) => step.uses?.startsWith("actions/setup-node@"));
  const manifest = JSON.parse(files.packageJson);
  return {
    dockerfile: Number(from?.[1]),
    ci: setupNode?.with?.["node-version"],
    engines: Number(/^>=(\d+)$/.exec(manifest.engines?.node)?.[1]),
    typesNode: Number(/^\^(\d+)\.\d+\.\d+$/.exec(manifest.devDependencies?.["@types/node"])?.[1]),
  };
}

describe.each(ALL_CASES)("the Node major of $name", ({ spec }) => {
  const tree = render(spec);
  const file = (path: string) => tree.get(path)?.content ?? "";

  it(`is ${NODE_MAJOR} in the Dockerfile, CI, engines and @types/node alike`, () => {
    const majors = nodeMajors({
      dockerfile: file("Dockerfile"),
      ci: file(".github/workflows/ci.yml"),
      packageJson: file("package.json"),
    });
    expect(majors).toEqual({ dockerfile: NODE_MAJOR, ci: NODE_MAJOR, engines: NODE_MAJOR, typesNode: NODE_MAJOR });
  });
});

it("NODE_MAJOR is a supported LTS line: even, and past Node 20's end of life", () => {
  expect(NODE_MAJOR % 2).toBe(0);
  expect(NODE_MAJOR).toBeGreaterThanOrEqual(24);
});
