/**
 * Compiles a template's source to a Program (template-program.ts). handlebars parses it and strips
 * the whitespace of standalone lines, as its own compiler does; this keeps the tree, reduced to what
 * our templates use, where handlebars would generate JavaScript. Anything else is refused with where
 * it stands, so a template cannot come to mean something the renderer does not do.
 * Runs where templates are read from source (development, tests) and in the build
 * (scripts/precompile-templates.ts); the bundle carries only what it returns.
 */
import Handlebars from "handlebars";
import { TEMPLATE_HELPERS } from "./template-helpers.js";
import {
  BLOCK_HELPERS,
  type BlockHelper,
  type Call,
  type Expression,
  type Hash,
  type Path,
  type Program,
  type Statement,
} from "./template-program.js";

type Node = hbs.AST.Node;

/** The helpers a template may call, each taking values and returning one. */
const OUR_HELPERS: ReadonlySet<string> = new Set(Object.keys(TEMPLATE_HELPERS));

export function compileTemplate(source: string): Program {
  return program(Handlebars.parse(source));
}

function program(node: hbs.AST.Program | undefined): Program {
  const statements: Statement[] = [];
  for (const child of node?.body ?? []) {
    const compiled = statement(child);
    if (compiled === undefined) continue;
    const last = statements.length - 1;
    if (typeof compiled === "string" && typeof statements[last] === "string") statements[last] += compiled;
    else statements.push(compiled);
  }
  return statements;
}

function statement(node: hbs.AST.Statement): Statement | undefined {
  switch (node.type) {
    case "ContentStatement":
      return (node as hbs.AST.ContentStatement).value || undefined;
    case "CommentStatement":
      return undefined;
    case "MustacheStatement":
      return { out: mustache(node as hbs.AST.MustacheStatement) };
    case "BlockStatement":
      return block(node as hbs.AST.BlockStatement);
    case "PartialStatement":
      return partial(node as hbs.AST.PartialStatement);
    default:
      return refuse(`a ${node.type}`, node);
  }
}

/** handlebars' own helpers, which a bare name of theirs calls. */
const HANDLEBARS_HELPERS = new Set([...BLOCK_HELPERS, "lookup", "log", "helperMissing", "blockHelperMissing"]);

/** handlebars' rule: a bare name of no known helper is a value, looked up strictly. */
function mustache(node: hbs.AST.MustacheStatement): Expression {
  const path = node.path as hbs.AST.PathExpression;
  if (path.type !== "PathExpression") refuse(`the literal {{${path.original}}}`, node);
  const name = simpleName(path);
  if (node.params.length > 0 || node.hash || OUR_HELPERS.has(name)) return call(node);
  if (HANDLEBARS_HELPERS.has(name)) refuse(`{{${name}}} as a value`, node);
  const lookup = pathOf(path);
  return lookup.path.length > 0 ? { ...lookup, at: [path.loc.start.line, path.loc.start.column] } : lookup;
}

function block(node: hbs.AST.BlockStatement): Statement {
  const path = node.path as hbs.AST.PathExpression;
  const name = simpleName(path);
  if (!(BLOCK_HELPERS as readonly string[]).includes(name)) refuse(`the block {{#${path.original}}}`, node);
  if (node.params.length !== 1) refuse(`{{#${name}}} with ${node.params.length} values (it takes one)`, node);
  if (node.program.blockParams?.length) refuse("block parameters (as |name|)", node);
  const [param] = node.params as [hbs.AST.Expression];
  return {
    block: name as BlockHelper,
    param: expression(param),
    ...(node.hash ? { hash: hash(node.hash) } : {}),
    fn: program(node.program),
    ...(node.inverse ? { inverse: program(node.inverse) } : {}),
  };
}

function partial(node: hbs.AST.PartialStatement): Statement {
  if (node.params.length > 1) refuse(`a partial with ${node.params.length} contexts`, node);
  const name = node.name as hbs.AST.PathExpression | hbs.AST.SubExpression;
  const [context] = node.params;
  return {
    partial: name.type === "SubExpression" ? call(name) : name.original,
    ...(context ? { context: expression(context) } : {}),
    ...(node.hash ? { hash: hash(node.hash) } : {}),
    ...(node.indent ? { indent: node.indent } : {}),
  };
}

function call(node: hbs.AST.MustacheStatement | hbs.AST.SubExpression): Call {
  const path = node.path as hbs.AST.PathExpression;
  const name = simpleName(path);
  if (HANDLEBARS_HELPERS.has(name)) refuse(`the helper ${name} outside a block`, node);
  if (!OUR_HELPERS.has(name)) {
    // handlebars' own words for it, with knownHelpersOnly.
    throw new Error(`You specified knownHelpersOnly, but used the unknown helper ${path.original}${where(node)}`);
  }
  if (node.hash) refuse(`a hash passed to {{${name}}}, which reads none`, node);
  return { call: name, params: node.params.map(expression) };
}

function expression(node: hbs.AST.Expression): Expression {
  if (node.type === "SubExpression") return call(node as hbs.AST.SubExpression);
  if (node.type === "PathExpression") return pathOf(node as hbs.AST.PathExpression);
  return literal(node);
}

function pathOf(node: hbs.AST.PathExpression): Path {
  return {
    path: node.parts,
    ...(node.depth ? { up: node.depth } : {}),
    ...(node.data ? { data: true } : {}),
  };
}

function literal(node: Node): string | number | boolean | null {
  switch (node.type) {
    case "StringLiteral":
    case "NumberLiteral":
    case "BooleanLiteral":
      return (node as hbs.AST.StringLiteral).value;
    case "NullLiteral":
      return null;
    default:
      return refuse(`a ${node.type}`, node);
  }
}

function hash(node: hbs.AST.Hash): Hash {
  return Object.fromEntries(node.pairs.map((pair) => [pair.key, expression(pair.value)]));
}

/** The helper a path may name: one name, not `this`, `../` or `@data` (handlebars' simpleId). */
function simpleName(path: hbs.AST.PathExpression): string {
  const simple = path.type === "PathExpression" && path.parts.length === 1 && !path.depth && !path.data;
  return simple && !/^\.|this\b/.test(path.original) ? (path.parts[0] as string) : "";
}

function refuse(what: string, node: Node): never {
  throw new Error(`${what} is not supported in our templates${where(node)}`);
}

/** handlebars' way of saying where: " - line:column". */
function where(node: Node): string {
  return node.loc ? ` - ${node.loc.start.line}:${node.loc.start.column}` : "";
}
