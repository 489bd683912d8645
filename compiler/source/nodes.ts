// What kind of literal an ESTree `Literal` node is (oxc gives strings, numbers, booleans, null, bigints and
// regular expressions the same node type), and the expression under what TypeScript erases.
import type { AnyNode, Expression, StringLiteral, NumericLiteral } from "./parser";

type Literal = AnyNode & { type: "Literal"; value: unknown; regex?: unknown; bigint?: unknown };

const literal = (node: AnyNode): Literal | undefined => (node.type === "Literal" && !("regex" in node && (node as Literal).regex) && !("bigint" in node && (node as Literal).bigint !== undefined) ? (node as Literal) : undefined);

export function isStringLiteral(node: AnyNode): node is StringLiteral {
  return typeof literal(node)?.value === "string";
}

export function isNumericLiteral(node: AnyNode): node is NumericLiteral {
  return typeof literal(node)?.value === "number";
}

/** `true`, `false` or `null` written as such, or undefined for any other node. */
export function keywordValue(node: AnyNode): { value: boolean | null } | undefined {
  const lit = literal(node);
  return lit && (lit.value === null || typeof lit.value === "boolean") ? { value: lit.value as boolean | null } : undefined;
}

/** The text of a template literal without substitutions (`plain`), or undefined for any other node. */
export function plainTemplate(node: AnyNode): string | undefined {
  if (node.type !== "TemplateLiteral") return undefined;
  const t = node as Extract<Expression, { type: "TemplateLiteral" }>;
  return t.expressions.length === 0 ? (t.quasis[0]?.value.cooked ?? undefined) : undefined;
}

/** The expression under parentheses, type assertions (`as T`, `<T>x`), `satisfies` and `!`, which TypeScript erases. */
export function skipTypes(node: Expression): Expression {
  for (;;) {
    switch (node.type) {
      case "ParenthesizedExpression":
      case "TSSatisfiesExpression":
      case "TSAsExpression":
      case "TSTypeAssertion":
      case "TSNonNullExpression":
        node = node.expression;
        continue;
      default:
        return node;
    }
  }
}
