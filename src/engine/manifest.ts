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
import * as z from "zod/mini";
import { echoQuoted } from "../echo.js";
import { generatedPath, type PathCheck, parseMetadata, sha256Hex, versionString } from "./metadata-schema.js";
import type { Tree } from "./tree.js";

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

/** Checked on every read: a committed manifest or base.json is repository data, not ours. */
const manifestSchema = (allowed: PathCheck) =>
  // Not strict at the top: a newer generator may add fields, and its version is then what we report.
  z.object({
    generator: z.literal("create-fly-ref-arch", {
      error: (issue) => `${echoQuoted(issue.input)} is not allowed; allowed: "create-fly-ref-arch"`,
    }),
    version: versionString,
    files: z.record(generatedPath(allowed), z.strictObject({ sha256: sha256Hex })),
  });

const baseSchema = (allowed: PathCheck) => z.record(generatedPath(allowed), z.string());

/** A manifest read back from disk; every path is one the generator can write (`allowed`). */
export function parseManifest(text: string, allowed: PathCheck): Manifest {
  return parseMetadata(
    manifestSchema(allowed),
    text,
    MANIFEST_PATH,
    "Restore it from version control; nothing written.",
  );
}

/** The stored merge bases; a missing store only costs exact bases, never an edit. */
export function parseBaseTexts(text: string | undefined, allowed: PathCheck): BaseTexts {
  if (text === undefined) return {};
  return parseMetadata(baseSchema(allowed), text, BASE_PATH, "Restore it from version control; nothing written.");
}
