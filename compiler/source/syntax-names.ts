// Plain-words names of TypeScript syntax, and short excerpts of source, for the reader's messages.
import { ts } from "./typescript";

/** The source text of `node`, on one line and at most 40 characters. */
export function snippet(sf: ts.SourceFile, node: ts.Node): string {
  const text = node.getText(sf).replace(/\s+/g, " ");
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

// built on first use: the parser is loaded only when a file is parsed
let kindNames: Partial<Record<ts.SyntaxKind, string>> | undefined;
const names = (): Partial<Record<ts.SyntaxKind, string>> => ({
  [ts.SyntaxKind.PropertyAccessExpression]: "property access",
  [ts.SyntaxKind.ElementAccessExpression]: "element access",
  [ts.SyntaxKind.BinaryExpression]: "expression",
  [ts.SyntaxKind.ConditionalExpression]: "conditional expression",
  [ts.SyntaxKind.ArrowFunction]: "function",
  [ts.SyntaxKind.FunctionExpression]: "function",
  [ts.SyntaxKind.FunctionDeclaration]: "function declaration",
  [ts.SyntaxKind.ClassDeclaration]: "class declaration",
  [ts.SyntaxKind.NewExpression]: "`new` expression",
  [ts.SyntaxKind.TaggedTemplateExpression]: "tagged template",
  [ts.SyntaxKind.AwaitExpression]: "`await` expression",
  [ts.SyntaxKind.TypeOfExpression]: "`typeof` expression",
  [ts.SyntaxKind.PrefixUnaryExpression]: "unary expression",
  [ts.SyntaxKind.PostfixUnaryExpression]: "unary expression",
  [ts.SyntaxKind.RegularExpressionLiteral]: "regular expression",
  [ts.SyntaxKind.BigIntLiteral]: "bigint literal",
  [ts.SyntaxKind.MethodDeclaration]: "method",
  [ts.SyntaxKind.GetAccessor]: "getter",
  [ts.SyntaxKind.SetAccessor]: "setter",
  [ts.SyntaxKind.ExpressionStatement]: "a statement",
  [ts.SyntaxKind.IfStatement]: "an `if` statement",
  [ts.SyntaxKind.ExportDeclaration]: "an `export { ... }` declaration",
  [ts.SyntaxKind.ImportEqualsDeclaration]: "an `import = require()` declaration",
  [ts.SyntaxKind.ModuleDeclaration]: "a namespace declaration",
  [ts.SyntaxKind.EnumDeclaration]: "an enum",
  [ts.SyntaxKind.ThisKeyword]: "`this`",
});

export function describe(node: ts.Node): string {
  kindNames ??= names();
  return kindNames[node.kind] ?? ts.SyntaxKind[node.kind].replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}
