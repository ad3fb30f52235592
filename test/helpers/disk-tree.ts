/** A folder on disk as path → content and mode, to compare what two runs wrote. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";

export interface DiskFile {
  content: string;
  /** Permission bits, e.g. 0o755 for scripts. */
  mode: number;
}

export function readDiskTree(root: string): Map<string, DiskFile> {
  const files = new Map<string, DiskFile>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else
        files.set(relative(root, full).split(sep).join("/"), {
          content: readFileSync(full, "utf8"),
          mode: statSync(full).mode & 0o777,
        });
    }
  };
  walk(root);
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
}
