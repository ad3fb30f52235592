/**
 * What src/lib/config.ts lists of the variables other components contribute: their zod schemas,
 * their Config fields (a group of them as one object with an interface of its own), and how
 * loadConfig fills those fields. The base's own variables are written in the template.
 */
import { Code, identifier } from "../../src/engine/template-escapes.js";
import type { EnvVar } from "../contribution.js";

interface GroupView {
  key: Code;
  type: Code;
  fields: { key: Code; type: Code; name: Code }[];
}

export function configView(env: readonly EnvVar[]) {
  const section = (name: EnvVar["section"]) => {
    const variables = env.filter((variable) => variable.section === name);
    const groups = new Map<string, GroupView>();
    /** Config's fields in the order of the variables, a group where its first variable is. */
    const fields: ({ key: Code; type: Code; name: Code; group: undefined } | { group: GroupView })[] = [];
    for (const { name, field } of variables) {
      const own = { key: identifier(field.key), type: field.type, name: identifier(name) };
      if (field.group === undefined) {
        fields.push({ ...own, group: undefined });
        continue;
      }
      let group = groups.get(field.group.key);
      if (group === undefined) {
        group = { key: identifier(field.group.key), type: identifier(field.group.type), fields: [] };
        groups.set(field.group.key, group);
        fields.push({ group });
      }
      group.fields.push(own);
    }
    return {
      schema: variables.map((variable) => ({
        doc: docComment(variable.doc ?? []),
        name: identifier(variable.name),
        zod: variable.zod,
      })),
      fields,
      groups: [...groups.values()],
    };
  };
  const connections = section("connections");
  const operations = section("operations");
  return { connections, operations, groups: [...connections.groups, ...operations.groups] };
}

/** A variable's comment in the schema, indented as config.ts's object literal is. */
function docComment(lines: readonly string[]): Code | undefined {
  if (lines.some((line) => line.includes("*/"))) throw new Error(`a comment cannot hold */: ${lines.join(" ")}`);
  if (lines.length === 0) return undefined;
  if (lines.length === 1) return new Code(`  /** ${lines[0]} */`);
  return new Code(["  /**", ...lines.map((line) => `   * ${line}`), "   */"].join("\n"));
}
