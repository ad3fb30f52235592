/**
 * Whether a folder may receive a new project: absent, empty, or holding only entries a project
 * never writes (a repository, editor settings, a licence), which are left as they are. Anything
 * else could be the user's own work, and blocks: nothing is ever overwritten or merged into.
 */
import { readdirSync, statSync } from "node:fs";

/**
 * Entries a new project may be written beside: what a fresh repository on a forge, an editor or the
 * OS leaves (README.md and .gitignore are not among them: the project writes its own).
 */
export const ALLOWED_ENTRIES: ReadonlySet<string> = new Set([
  ".git",
  ".hg",
  ".idea",
  ".vscode",
  ".DS_Store",
  "Thumbs.db",
  "LICENSE",
  "LICENSE.md",
  "LICENSE.txt",
]);

export type TargetState =
  | { kind: "absent" }
  | { kind: "usable"; existing: string[] }
  | { kind: "blocked"; entries: string[] }
  | { kind: "not-a-folder" };

export function inspectTarget(dir: string): TargetState {
  let stats: ReturnType<typeof statSync>;
  try {
    stats = statSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { kind: "absent" };
    throw error;
  }
  if (!stats.isDirectory()) return { kind: "not-a-folder" };
  const entries = readdirSync(dir).sort();
  const blocking = entries.filter((e) => !ALLOWED_ENTRIES.has(e));
  return blocking.length > 0 ? { kind: "blocked", entries: blocking } : { kind: "usable", existing: entries };
}
