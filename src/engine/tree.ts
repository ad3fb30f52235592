/** The generated repository held in memory: nothing touches the disk until the plan is applied. */
import { posix } from "node:path";

export interface TreeFile {
  content: string;
  /** Unix permission bits: 0o644 for files, 0o755 for scripts. */
  mode: number;
}

export class Tree {
  readonly #files = new Map<string, TreeFile>();
  /** Every folder some file lives in: a file cannot share its path with a folder. */
  readonly #folders = new Set<string>();

  add(path: string, content: string, mode = 0o644): void {
    assertSafePath(path);
    if (this.#files.has(path)) throw new Error(`two generators write ${path}`);
    if (this.#folders.has(path)) throw new Error(`${path} is both a file and a folder of other files`);
    const parents = path
      .split("/")
      .slice(0, -1)
      .map((_, i, parts) => parts.slice(0, i + 1).join("/"));
    const clash = parents.find((folder) => this.#files.has(folder));
    if (clash) throw new Error(`${path} needs ${clash} to be a folder, but it is a file`);
    for (const folder of parents) this.#folders.add(folder);
    this.#files.set(path, { content, mode });
  }

  get(path: string): TreeFile | undefined {
    return this.#files.get(path);
  }

  has(path: string): boolean {
    return this.#files.has(path);
  }

  /** Paths in a stable order, so output and manifests do not depend on generator order. */
  paths(): string[] {
    return [...this.#files.keys()].sort();
  }

  entries(): [string, TreeFile][] {
    return this.paths().map((p) => [p, this.#files.get(p) as TreeFile]);
  }

  get size(): number {
    return this.#files.size;
  }
}

/** A tree path is relative, normalised and stays inside the project. */
export function assertSafePath(path: string): void {
  const normal = posix.normalize(path);
  if (path === "" || posix.isAbsolute(path) || normal !== path || normal.startsWith("../") || path.includes("\\")) {
    throw new Error(`unsafe path in generated tree: ${JSON.stringify(path)}`);
  }
}
