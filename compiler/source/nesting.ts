// Finds nesting deeper than the reader accepts before the file is parsed: TypeScript's parser is recursive,
// and a few thousand brackets would overflow the stack inside it.
import { ts } from "./typescript";
import { MAX_DEPTH } from "./limits";

/** Position of the first bracket (`(`, `[`, `{` or `${`) nested deeper than MAX_DEPTH, if any. */
export function tooDeepAt(text: string): number | undefined {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, text);
  // what each open bracket is; a template's `${` is closed by `}` and then the template goes on
  const open: ("bracket" | "template")[] = [];
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    if (token === ts.SyntaxKind.OpenBraceToken || token === ts.SyntaxKind.OpenBracketToken || token === ts.SyntaxKind.OpenParenToken) open.push("bracket");
    else if (token === ts.SyntaxKind.TemplateHead) open.push("template");
    else if (token === ts.SyntaxKind.CloseBraceToken && open[open.length - 1] === "template") {
      if (scanner.reScanTemplateToken(false) === ts.SyntaxKind.TemplateTail) open.pop();
      continue;
    } else if (token === ts.SyntaxKind.CloseBraceToken || token === ts.SyntaxKind.CloseBracketToken || token === ts.SyntaxKind.CloseParenToken) open.pop();
    else continue;
    if (open.length > MAX_DEPTH) return scanner.getTokenStart();
  }
  return undefined;
}
