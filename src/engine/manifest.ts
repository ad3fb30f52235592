/**
 * What was generated, kept in `.fly-ref-arch/` so regeneration can tell the user's edits from ours:
 * - `manifest.json`: the generator version and the sha256 of every generated file (small, readable);
 * - `base.json`: the exact text of every generated file, the base of the next 3-way merge (and
 *   that of files no longer generated that the user kept). It is stored, not re-rendered, because
 *   a newer generator cannot render what an older one wrote.
 * Both are a function of the rendered tree (and the kept bases), so `create` and a `regenerate` of
 * the same spec write the same bytes.
 */
import { createRequire } from "node:module";
import { SPEC_FILE } from "../spec/schema.js";
import type { Tree } from "./tree.js";
import { assertSafePath } from "./tree.js";

// Required, not imported: node's ESM wrapper of a built-in reads every export, and node:crypto's
// `webcrypto` getter then loads WebCrypto, which we never use (about 0.7 ms of every run).
const { hash } = createRequire(import.meta.url)("node:crypto") as typeof import("node:crypto");

export const METADATA_DIR = ".fly-ref-arch";
export const MANIFEST_PATH = `${METADATA_DIR}/manifest.json`;
export const BASE_PATH = `${METADATA_DIR}/base.json`;

export interface Manifest {
  generator: "create-fly-ref-arch";
  version: string;
  files: Record<string, { sha256: string }>;
}

/** Generated path → the text generated for it. */
export type BaseTexts = Record<string, string>;

/** One-shot hashing (Node 20.12+): no Hash stream object per file, unlike createHash. */
export function sha256(content: string): string {
  return hash("sha256", content, "hex");
}

/** The manifest of every file in `tree` (which does not yet hold the metadata files). */
function buildManifest(tree: Tree, version: string): Manifest {
  const files: Manifest["files"] = {};
  for (const [path, file] of tree.entries()) files[path] = { sha256: sha256(file.content) };
  return { generator: "create-fly-ref-arch", version, files };
}

/**
 * The two metadata files for a rendered tree, as path → text, manifest last (it is written last).
 * `kept`: the last generated text of files no longer generated but kept as the user's, so a later
 * render at the same path merges with it instead of with nothing.
 */
export function metadataFiles(tree: Tree, version: string, kept: BaseTexts = {}): [string, string][] {
  const base: BaseTexts = { ...kept };
  for (const [path, file] of tree.entries()) base[path] = file.content;
  return [
    [BASE_PATH, stringifyJson(base)],
    [MANIFEST_PATH, stringifyJson(buildManifest(tree, version))],
  ];
}

export function stringifyJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

export class MetadataError extends Error {}

/** A manifest read back from disk; every path must stay inside the project. */
export function parseManifest(text: string): Manifest {
  const data = parseJsonObject(text, MANIFEST_PATH);
  const { version, files } = data;
  if (data.generator !== "create-fly-ref-arch" || typeof version !== "string" || !isObject(files)) {
    throw new MetadataError(`${MANIFEST_PATH} is not a create-fly-ref-arch manifest (generator, version, files)`);
  }
  for (const [path, entry] of Object.entries(files)) {
    assertManifestPath(path);
    if (!isObject(entry) || typeof entry.sha256 !== "string") {
      throw new MetadataError(`${MANIFEST_PATH}: files[${JSON.stringify(path)}] needs a sha256`);
    }
  }
  return data as unknown as Manifest;
}

/** The stored merge bases; a missing or unreadable store only costs exact bases, never an edit. */
export function parseBaseTexts(text: string | undefined): BaseTexts {
  if (text === undefined) return {};
  const data = parseJsonObject(text, BASE_PATH);
  const out: BaseTexts = {};
  for (const [path, value] of Object.entries(data)) {
    assertManifestPath(path);
    if (typeof value === "string") out[path] = value;
  }
  return out;
}

function assertManifestPath(path: string): void {
  try {
    assertSafePath(path);
  } catch {
    throw new MetadataError(`${METADATA_DIR}/ lists ${JSON.stringify(path)}, which is outside the project; refusing`);
  }
  if (path === SPEC_FILE || path === METADATA_DIR || path.startsWith(`${METADATA_DIR}/`)) {
    throw new MetadataError(`${METADATA_DIR}/ lists ${JSON.stringify(path)}, which is not generated output; refusing`);
  }
}

function parseJsonObject(text: string, where: string): Record<string, unknown> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new MetadataError(`${where} is not valid JSON: ${(error as Error).message}`);
  }
  if (!isObject(data)) throw new MetadataError(`${where} must hold a JSON object`);
  return data;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
