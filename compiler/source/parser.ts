// The parser of the reader: oxc's (a native parser with prebuilt bindings from the npm registry, and a wasm
// fallback), loaded on first use. It loads in ~10 ms where TypeScript's own 9 MB parser took 100-200 ms, and
// it gives ESTree nodes whose offsets count UTF-16 code units, as TypeScript's do. It runs only after the
// pre-scan (scan.ts) has bounded the file's nesting: the native parser recurses and would overflow the stack
// on a few thousand levels, which ends the process instead of throwing.
import { createRequire } from "node:module";
import type { ParseResult, ParserOptions } from "oxc-parser";

export type * from "oxc-parser";

/** Any syntax node: what positions and descriptions need. */
export interface AnyNode {
  type: string;
  start: number;
  end: number;
}

let parseSync: ((filename: string, text: string, options: ParserOptions) => ParseResult) | undefined;

/** Parses `text` as a TypeScript module (strict mode): the tree, and the syntax errors with their offsets. */
export function parseTypeScript(file: string, text: string): ParseResult {
  parseSync ??= (createRequire(import.meta.url)("oxc-parser") as typeof import("oxc-parser")).parseSync;
  return parseSync(file, text, { lang: "ts", sourceType: "module", preserveParens: true });
}
