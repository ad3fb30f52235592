/**
 * Our Dockerfile rules on top of dockerfilelint (which misses ADD, shell-form CMD and users):
 * pinned base tags, no ADD, exec-form CMD, a non-root USER, and the install layer cached apart
 * from the sources. Parsed with dockerfile-ast, so comments and continuations cannot fool them.
 */
import { DockerfileParser, type Instruction } from "dockerfile-ast";

export interface DockerfileExpectations {
  /** The app image: Node on -slim, multi-stage, lock file before sources, NODE_ENV, prune. */
  node?: { major: number; lockFile: string; installFrozen: string; prune: string };
  /** Whether the final stage must switch to a non-root user (the Redis image drops root itself). */
  nonRootUser: boolean;
}

export function dockerfileProblems(text: string, expect: DockerfileExpectations): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, message: string) => {
    if (!ok) problems.push(message);
  };
  const instructions = DockerfileParser.parse(text).getInstructions();
  const stages: Instruction[][] = [];
  const stageNames = new Set<string>();
  for (const instruction of instructions) {
    if (instruction.getKeyword() === "FROM") stages.push([]);
    stages.at(-1)?.push(instruction);
  }
  check(stages.length > 0 && instructions[0]?.getKeyword() === "FROM", "the first instruction must be FROM");

  for (const from of DockerfileParser.parse(text).getFROMs()) {
    const image = from.getImageName() ?? "";
    const tag = from.getImageTag();
    if (!stageNames.has(image)) {
      check(
        tag !== null && tag !== "latest" && /^\d/.test(tag),
        `FROM ${image}: pin a versioned tag, not ${tag ?? "none"}`,
      );
      if (expect.node) {
        check(
          image === "node" && tag?.startsWith(`${expect.node.major}-`) === true && tag.endsWith("-slim"),
          `FROM ${image}${tag ? `:${tag}` : ""}: expected node:${expect.node.major}-…-slim`,
        );
      }
    }
    const stage = from.getBuildStage();
    if (stage) stageNames.add(stage);
  }

  for (const instruction of instructions) check(instruction.getKeyword() !== "ADD", "use COPY, not ADD");

  const final = stages.at(-1) ?? [];
  const keyword = (i: Instruction) => i.getKeyword();
  const args = (i: Instruction) => i.getArgumentsContent() ?? "";
  const cmds = final.filter((i) => keyword(i) === "CMD");
  check(cmds.length === 1, "the final stage needs exactly one CMD");
  const cmd = cmds[0];
  if (cmd) {
    let execForm = false;
    try {
      const parsed: unknown = JSON.parse(args(cmd));
      execForm = Array.isArray(parsed) && parsed.length > 0 && parsed.every((a) => typeof a === "string");
    } catch {
      execForm = false;
    }
    check(execForm, `CMD ${args(cmd)}: use the exec form, so the process is PID 1 and gets SIGTERM`);
    check(
      !/^\["(sh|bash|npm|yarn|pnpm)"/.test(args(cmd)),
      "CMD must start the process itself, not through a shell or npm",
    );
  }
  if (expect.nonRootUser) {
    const userIndex = final.findIndex((i) => keyword(i) === "USER");
    const user = userIndex >= 0 ? args(final[userIndex] as Instruction) : "";
    check(userIndex >= 0 && !/^(root|0)(:|$)/.test(user), "the final stage must switch to a non-root USER");
    check(cmd === undefined || userIndex < final.indexOf(cmd), "USER must come before CMD");
  }

  if (expect.node) {
    const node = expect.node;
    check(stages.length >= 2, "build in one stage, run in another");
    check(
      final.some((i) => keyword(i) === "ENV" && /\bNODE_ENV=("?)production\1(\s|$)/.test(args(i))),
      "the final stage must set NODE_ENV=production",
    );
    const all = instructions;
    const lockCopy = all.findIndex((i) => keyword(i) === "COPY" && args(i).split(/\s+/).includes(node.lockFile));
    const install = all.findIndex((i) => keyword(i) === "RUN" && args(i).includes(node.installFrozen));
    const sources = all.findIndex((i) => keyword(i) === "COPY" && /^\.\s+\./.test(args(i)));
    const prune = all.findIndex((i) => keyword(i) === "RUN" && args(i).includes(node.prune));
    check(lockCopy >= 0, `COPY ${node.lockFile} is missing`);
    check(install >= 0, `RUN ${node.installFrozen} (a frozen install) is missing`);
    check(sources >= 0, "COPY . . is missing");
    check(lockCopy < install && install < sources, "copy the lock file and install before copying the sources");
    check(prune > sources, "prune dev dependencies after the build");
  }
  return problems;
}
