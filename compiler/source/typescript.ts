// TypeScript's parser for the reader, loaded alone. The project's `typescript` package is TypeScript 7, a
// native binary with no JavaScript API; ts-morph ships TypeScript 6's compiler as one file, and that file is
// all the reader needs. Loading it directly skips ts-morph's own 4 MB of project-editing code, about a
// quarter of a second of start-up on every command that reads a tenant (figures in the commit message).
// The V8 code cache (startup/code-cache.ts) applies to this same file. It is loaded only when a file must be
// parsed.
import { createRequire } from "node:module";
import type { ts as TypeScript } from "ts-morph";

/** TypeScript, once loadTypeScript() ran: a compile whose tenants all come from the cache never loads it. */
export let ts: typeof TypeScript;

/** Loads the parser (9 MB of JavaScript) on first use; every module of the reader sees it through `ts`. */
export function loadTypeScript(): void {
  ts ??= createRequire(import.meta.url)("@ts-morph/common/dist/typescript.js");
}

/** The syntax types the reader names, under the same `ts.` prefix as the values (types only: nothing loads). */
export declare namespace ts {
  type ArrayLiteralExpression = TypeScript.ArrayLiteralExpression;
  type DiagnosticWithLocation = TypeScript.DiagnosticWithLocation;
  type Expression = TypeScript.Expression;
  type Identifier = TypeScript.Identifier;
  type ImportClause = TypeScript.ImportClause;
  type ImportDeclaration = TypeScript.ImportDeclaration;
  type NamedImports = TypeScript.NamedImports;
  type Node = TypeScript.Node;
  type ObjectLiteralExpression = TypeScript.ObjectLiteralExpression;
  type PropertyName = TypeScript.PropertyName;
  type SourceFile = TypeScript.SourceFile;
  type SpreadElement = TypeScript.SpreadElement;
  type Statement = TypeScript.Statement;
  type StringLiteral = TypeScript.StringLiteral;
  type SyntaxKind = TypeScript.SyntaxKind;
  type VariableDeclaration = TypeScript.VariableDeclaration;
}
