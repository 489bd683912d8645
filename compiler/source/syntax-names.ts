// Plain-words names of syntax, and short excerpts of source, for the reader's messages. The words are those the
// reader used with TypeScript's parser, whose node kinds they named.
import type { AnyNode } from "./parser";

/** The source text of `node` in the file `mod`, on one line and at most 40 characters. */
export function snippet(mod: { text: string }, node: AnyNode): string {
  const text = mod.text.slice(node.start, node.end).replace(/\s+/g, " ");
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

const NAMES: Record<string, string> = {
  BinaryExpression: "expression",
  LogicalExpression: "expression",
  AssignmentExpression: "expression",
  SequenceExpression: "expression",
  ConditionalExpression: "conditional expression",
  ArrowFunctionExpression: "function",
  FunctionExpression: "function",
  FunctionDeclaration: "function declaration",
  TSDeclareFunction: "function declaration",
  ClassDeclaration: "class declaration",
  ClassExpression: "class expression",
  NewExpression: "`new` expression",
  TaggedTemplateExpression: "tagged template",
  AwaitExpression: "`await` expression",
  UpdateExpression: "unary expression",
  YieldExpression: "yield expression",
  MetaProperty: "meta property",
  Super: "super keyword",
  ThisExpression: "`this`",
  TSInstantiationExpression: "expression with type arguments",
  ExpressionStatement: "a statement",
  IfStatement: "an `if` statement",
  BlockStatement: "block",
  DoWhileStatement: "do statement",
  ExportNamedDeclaration: "an `export { ... }` declaration",
  ExportAllDeclaration: "an `export { ... }` declaration",
  TSImportEqualsDeclaration: "an `import = require()` declaration",
  TSModuleDeclaration: "a namespace declaration",
  TSGlobalDeclaration: "a namespace declaration",
  TSEnumDeclaration: "an enum",
  TSNamespaceExportDeclaration: "namespace export declaration",
};

const UNARY: Record<string, string> = { typeof: "`typeof` expression", void: "void expression", delete: "delete expression" };

/** What `node` is, in a few words ("property access", "function", "a statement"). */
export function describe(node: AnyNode): string {
  const n = node as AnyNode & { computed?: boolean; operator?: string; regex?: unknown; bigint?: unknown; kind?: string; method?: boolean; expression?: AnyNode };
  switch (node.type) {
    case "MemberExpression":
      return n.computed ? "element access" : "property access";
    case "ChainExpression":
      return describe(n.expression!);
    case "UnaryExpression":
      return UNARY[n.operator!] ?? "unary expression";
    case "Literal":
      return n.regex ? "regular expression" : n.bigint !== undefined ? "bigint literal" : "literal";
    case "Property":
      return n.kind === "get" ? "getter" : n.kind === "set" ? "setter" : n.method ? "method" : "property";
  }
  return NAMES[node.type] ?? node.type.replace(/^TS/, "").replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}
