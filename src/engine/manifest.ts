/** `.fly-ref-arch/manifest.json`: what was generated, so regeneration can tell the user's edits from ours. */
import { createHash } from "node:crypto";
import type { Tree } from "./tree.js";

export const MANIFEST_PATH = ".fly-ref-arch/manifest.json";

export interface Manifest {
  generator: "create-fly-ref-arch";
  version: string;
  files: Record<string, { sha256: string }>;
}

export function sha256(content: string): string {
  return createHash("sha256").update(content).digest("hex");
}

/** The manifest of every file in `tree` (which does not yet hold the manifest itself). */
export function buildManifest(tree: Tree, version: string): Manifest {
  const files: Manifest["files"] = {};
  for (const [path, file] of tree.entries()) files[path] = { sha256: sha256(file.content) };
  return { generator: "create-fly-ref-arch", version, files };
}

export function stringifyJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
