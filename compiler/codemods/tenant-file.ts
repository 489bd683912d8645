// Edits of tenant files with ts-morph: only the value being changed is rewritten, so comments, layout and
// everything else in the file stay exactly as the operator wrote them.
import { Node, Project, type ObjectLiteralExpression, type SourceFile } from "ts-morph";

const project = new Project({ useInMemoryFileSystem: true, skipLoadingLibFiles: true, compilerOptions: { noLib: true } });

function parse(file: string, text: string): SourceFile {
  return project.createSourceFile(`/${file}`, text, { overwrite: true });
}

/** Peels `( … )`, `as const` and `satisfies` off an expression. */
function unwrap(node: Node): Node {
  let n = node;
  while (Node.isParenthesizedExpression(n) || Node.isAsExpression(n) || Node.isSatisfiesExpression(n)) n = n.getExpression();
  return n;
}

/** Follows an identifier to the initializer of a `const` of the same file. */
function follow(sf: SourceFile, node: Node): Node {
  const n = unwrap(node);
  if (!Node.isIdentifier(n)) return n;
  const init = sf.getVariableDeclaration(n.getText())?.getInitializer();
  return init ? unwrap(init) : n;
}

/** The object literal given to `defineTenant(...)` (or exported directly), or undefined when there is none. */
export function tenantObject(sf: SourceFile): ObjectLiteralExpression | undefined {
  const exported = sf.getExportAssignments().find((e) => !e.isExportEquals())?.getExpression();
  if (!exported) return undefined;
  let n = follow(sf, exported);
  if (Node.isCallExpression(n)) {
    const arg = n.getArguments()[0];
    if (!arg) return undefined;
    n = follow(sf, arg);
  }
  return Node.isObjectLiteralExpression(n) ? n : undefined;
}

export type Edit = { text: string } | { error: string };

/**
 * Sets the tenant's `release`: the value of its `release` property is replaced in place (keeping the file's
 * quote style); when the property comes from a spread, one is added after it, which takes precedence.
 */
export function setRelease(file: string, text: string, release: string): Edit {
  const sf = parse(file, text);
  const obj = tenantObject(sf);
  if (!obj) return { error: "no `export default defineTenant({ ... })` object found" };
  const prop = obj.getProperty("release");
  if (prop && !Node.isPropertyAssignment(prop)) return { error: "`release` is not written as `release: value`" };
  const current = prop?.getInitializer();
  const quote = current && Node.isStringLiteral(current) && current.getText().startsWith("'") ? "'" : '"';
  const literal = quote + release.replace(/\\/g, "\\\\").replace(new RegExp(quote, "g"), `\\${quote}`) + quote;
  if (current) {
    if (Node.isStringLiteral(current) && current.getLiteralText() === release) return { text };
    current.replaceWithText(literal);
    return { text: sf.getFullText() };
  }
  obj.addPropertyAssignment({ name: "release", initializer: literal });
  return { text: sf.getFullText() };
}
