/** unifiedDiff's output is a patch git itself applies: `git apply` turns the old text into the new one. */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { unifiedDiff } from "../../src/engine/unified-diff.js";
import { tempDirs } from "../helpers/tmp.js";

const tempDir = tempDirs();
const PATH = "dir/file.txt";

/** Applies `patch` with git to `before` (null: no file) in a fresh folder; the file afterwards (null: gone). */
function gitApply(before: string | null, patch: string): string | null {
  const dir = tempDir();
  const file = join(dir, PATH);
  if (before !== null) {
    mkdirSync(join(dir, "dir"), { recursive: true });
    writeFileSync(file, before);
  }
  const applied = spawnSync("git", ["apply", "--whitespace=nowarn", "-"], { cwd: dir, input: patch, encoding: "utf8" });
  if (applied.status !== 0) throw new Error(`git apply failed: ${applied.stderr}\n${patch}`);
  const after = existsSync(file) ? readFileSync(file, "utf8") : null;
  rmSync(dir, { recursive: true, force: true });
  return after;
}

describe("unifiedDiff", () => {
  it("reads as git's own diff for a one-line change", () => {
    const before = "one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\n";
    const after = before.replace("five", "FIVE");
    expect(unifiedDiff(PATH, before, after, 0o644)).toBe(
      [
        "diff --git a/dir/file.txt b/dir/file.txt",
        "--- a/dir/file.txt",
        "+++ b/dir/file.txt",
        "@@ -2,7 +2,7 @@",
        " two",
        " three",
        " four",
        "-five",
        "+FIVE",
        " six",
        " seven",
        " eight",
        "",
      ].join("\n"),
    );
  });

  it("gives new and deleted files git's headers, with their mode", () => {
    expect(unifiedDiff("run.sh", null, "#!/bin/sh\n", 0o755)).toBe(
      "diff --git a/run.sh b/run.sh\nnew file mode 100755\n--- /dev/null\n+++ b/run.sh\n@@ -0,0 +1,1 @@\n+#!/bin/sh\n",
    );
    expect(unifiedDiff("old.txt", "bye\n", null, 0o644)).toBe(
      "diff --git a/old.txt b/old.txt\ndeleted file mode 100644\n--- a/old.txt\n+++ /dev/null\n@@ -1,1 +0,0 @@\n-bye\n",
    );
    expect(unifiedDiff(PATH, "same\n", "same\n", 0o644)).toBe("");
  });

  it("marks a last line without a line break", () => {
    const patch = unifiedDiff(PATH, "a\nb", "a\nb\n", 0o644);
    expect(patch).toContain("-b\n\\ No newline at end of file\n+b\n");
    expect(gitApply("a\nb", patch)).toBe("a\nb\n");
  });

  it("is applied by git apply to give exactly the new text: random files, creations and deletions", () => {
    const line = fc.constantFrom("alpha", "beta", "gamma", "", "  indented", "delta");
    const text = fc
      .tuple(fc.array(line, { maxLength: 30 }), fc.boolean())
      .map(([lines, eol]) => (lines.length === 0 ? "" : lines.join("\n") + (eol ? "\n" : "")));
    const file = fc.option(text, { nil: null, freq: 6 });
    fc.assert(
      fc.property(file, file, (before, after) => {
        // git cannot create or delete an empty file through a patch with hunks; nor can we.
        fc.pre(before !== "" && after !== "");
        const patch = unifiedDiff(PATH, before, after, 0o644);
        if (before === after) return patch === "";
        return gitApply(before, patch) === after;
      }),
      { numRuns: 150 },
    );
  });
});
