// A pass over the file's tokens before it is parsed. It bounds the nesting the native parser would recurse into
// (a stack overflow there ends the process instead of throwing), and it reports what TypeScript's parser refuses
// in literals and oxc's leaves to a later pass: legacy octal numbers and escapes.
import { MAX_DEPTH, MAX_NEST } from "./limits";

export interface ScanProblem {
  code: "too-deep" | "syntax" | "unsupported-syntax";
  pos: number;
  message: string;
  hint: string;
}

/** An open bracket (`(`, `[`, `{`, a template's `${`) or a `<` that may open type arguments. */
interface Frame {
  kind: "bracket" | "template" | "angle";
  /** Tokens since the frame opened or its last `,`/`;`: each may nest one level deeper (`a + a + ...`, `A<A<...>>`). */
  run: number;
}

const SYNTAX_HINT = "fix the TypeScript syntax";
const isLineBreak = (c: string) => c === "\n" || c === "\r" || c === "\u2028" || c === "\u2029";
/** White space and line breaks, as JavaScript's `\s` (an ASCII test first: the file is mostly ASCII). */
const isSpace = (c: string) => c === " " || c === "\n" || c === "\t" || c === "\r" || (c > "~" ? /\s/.test(c) : c === "\v" || c === "\f");
const isIdentifierChar = (c: string) => (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c === "_" || c === "$" || c === "\\" || (c >= "\u0080" && !isSpace(c));
const ID_START = /^[\p{ID_Start}]$/u;
const ID_CONTINUE = /^[\p{ID_Continue}\u200c\u200d]$/u;
/**
 * Identifier characters added in Unicode 16.0 and 17.0, which Node's regular expressions know and TypeScript 6
 * (Unicode 15.1) refuses: the reader refuses them too, so a file it reads is one tsc reads.
 */
const NEWER_THAN_TYPESCRIPT = new RegExp(
  "^[" +
  "\\u{88f}\\u{897}\\u{c5c}\\u{cdc}\\u{1acf}-\\u{1add}\\u{1ae0}-\\u{1aeb}\\u{1c89}-\\u{1c8a}\\u{a7cb}-\\u{a7cf}" +
  "\\u{a7d2}\\u{a7d4}\\u{a7da}-\\u{a7dc}\\u{a7f1}\\u{105c0}-\\u{105f3}\\u{10940}-\\u{10959}\\u{10d40}-\\u{10d65}" +
  "\\u{10d69}-\\u{10d6d}\\u{10d6f}-\\u{10d85}\\u{10ec2}-\\u{10ec7}\\u{10efa}-\\u{10efc}\\u{11380}-\\u{11389}" +
  "\\u{1138b}\\u{1138e}\\u{11390}-\\u{113b5}\\u{113b7}-\\u{113c0}\\u{113c2}\\u{113c5}\\u{113c7}-\\u{113ca}" +
  "\\u{113cc}-\\u{113d3}\\u{113e1}-\\u{113e2}\\u{116d0}-\\u{116e3}\\u{11b60}-\\u{11b67}\\u{11bc0}-\\u{11be0}" +
  "\\u{11bf0}-\\u{11bf9}\\u{11db0}-\\u{11ddb}\\u{11de0}-\\u{11de9}\\u{11f5a}\\u{13460}-\\u{143fa}" +
  "\\u{16100}-\\u{16139}\\u{16d40}-\\u{16d6c}\\u{16d70}-\\u{16d79}\\u{16ea0}-\\u{16eb8}\\u{16ebb}-\\u{16ed3}" +
  "\\u{16ff2}-\\u{16ff6}\\u{187f8}-\\u{187ff}\\u{18cff}\\u{18d09}-\\u{18d1e}\\u{18d80}-\\u{18df2}" +
  "\\u{1ccf0}-\\u{1ccf9}\\u{1e5d0}-\\u{1e5fa}\\u{1e6c0}-\\u{1e6de}\\u{1e6e0}-\\u{1e6f5}\\u{1e6fe}-\\u{1e6ff}" +
  "\\u{2b73a}-\\u{2b73f}\\u{2cea2}-\\u{2cead}\\u{323b0}-\\u{33479}" +
  "]$",
  "u",
);
const NUMBER = /0[xXoObB][\w]*|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?[\d_]*)?n?/y;

/** The first problem of `text`, in the order of the file, or undefined. */
export function scan(text: string): ScanProblem | undefined {
  const stack: Frame[] = [{ kind: "bracket", run: 0 }];
  let brackets = 0; // open brackets and `${`, as the limit message counts them
  let nest = 0; // an upper bound of how deep the parser recurses here: open frames and the runs inside them
  let i = text.startsWith("#!") ? lineEnd(text, 0) : 0;
  let tagged = false; // a template right after a name or a closing bracket is tagged: its escapes are not checked
  const count = (pos: number): ScanProblem | undefined => {
    stack[stack.length - 1]!.run++;
    return ++nest > MAX_NEST ? tooDeep(pos) : undefined;
  };
  const open = (kind: Frame["kind"], pos: number): ScanProblem | undefined => {
    stack.push({ kind, run: 0 });
    if (kind !== "angle" && ++brackets > MAX_DEPTH) return { code: "too-deep", pos, message: `brackets nest deeper than ${MAX_DEPTH} levels`, hint: "flatten the value: no real setting nests this deep" };
    return ++nest > MAX_NEST ? tooDeep(pos) : undefined;
  };
  const pop = (): Frame => {
    const frame = stack.pop()!;
    nest -= frame.run + 1;
    if (frame.kind !== "angle") brackets--;
    return frame;
  };
  const reset = () => {
    nest -= stack[stack.length - 1]!.run;
    stack[stack.length - 1]!.run = 0;
  };
  const popAngles = () => {
    while (stack.length > 1 && stack[stack.length - 1]!.kind === "angle") pop();
  };
  /** Scans template text from `i` to its end or to a `${`; returns the problem, if any. */
  const template = (): ScanProblem | undefined => {
    for (; i < text.length; i++) {
      const c = text[i]!;
      if (c === "`") {
        i++;
        return undefined;
      }
      if (c === "\\") {
        const bad = tagged ? undefined : escape(text, i);
        if (bad) return bad;
        i++;
      } else if (c === "$" && text[i + 1] === "{") {
        const p = open("template", i);
        i += 2;
        return p;
      }
    }
    return undefined;
  };

  while (i < text.length) {
    const c = text[i]!;
    const start = i;
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c === "/" && text[i + 1] === "/") {
      i = lineEnd(text, i);
      continue;
    }
    if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      i = end < 0 ? text.length : end + 2;
      continue;
    }
    let problem: ScanProblem | undefined;
    let next = false; // whether a template here would be tagged
    if (c === "/") {
      // a division or a regular expression: the reader refuses both, and only the parser can tell them apart
      return { code: "unsupported-syntax", pos: i, message: "`/` (a division or a regular expression) is not allowed", hint: "use literals, `as const`, `satisfies`, consts of this file, or presets imported from platform/" };
    } else if (c === '"' || c === "'") {
      problem = count(i) ?? stringLiteral(text, i);
      i = stringEnd(text, i);
    } else if (c === "`") {
      i++;
      problem = count(start) ?? template();
    } else if ((c >= "0" && c <= "9") || (c === "." && text[i + 1]! >= "0" && text[i + 1]! <= "9")) {
      NUMBER.lastIndex = i;
      const raw = NUMBER.exec(text)?.[0] ?? c;
      i += raw.length;
      problem = count(start) ?? legacyNumber(raw, start);
    } else if (isIdentifierChar(c)) {
      problem = count(start);
      // beyond ASCII, only what Unicode calls identifier characters (oxc knows newer ones than TypeScript 6)
      for (let first = true; i < text.length && isIdentifierChar(text[i]!); first = false) {
        const point = String.fromCodePoint(text.codePointAt(i)!);
        if (point >= "\u0080" && (!(first ? ID_START : ID_CONTINUE).test(point) || NEWER_THAN_TYPESCRIPT.test(point))) problem ??= { code: "syntax", pos: i, message: "Invalid character.", hint: SYNTAX_HINT };
        i += point.length;
      }
      next = true;
    } else if (c === "(" || c === "[" || c === "{") {
      i++;
      problem = open("bracket", start);
    } else if (c === ")" || c === "]" || c === "}") {
      i++;
      popAngles();
      if (stack.length > 1 && pop().kind === "template") problem = template();
      else problem = count(start);
      next = c !== "}";
    } else if (c === "<") {
      i++;
      problem = open("angle", start);
    } else if (c === ">" && text[i + 1] !== "=") {
      // a closed `<...>` is one more token where it stands: `<A><A><A>x` nests one assertion per `<A>`
      for (; text[i] === ">"; i++) {
        if (stack[stack.length - 1]!.kind === "angle") pop();
        problem ??= count(i);
      }
    } else if (c === "," || (c === ";" && !continues(text, i + 1))) {
      // a new element or statement starts: it nests no deeper than the first (`else` and `do ... while` do)
      i++;
      if (c === ";") popAngles();
      reset();
    } else {
      i += text.startsWith("=>", i) ? 2 : 1;
      problem = count(start);
    }
    if (problem) return problem;
    tagged = next;
  }
  return undefined;
}

function tooDeep(pos: number): ScanProblem {
  return { code: "too-deep", pos, message: "the file nests too deeply for the parser", hint: "flatten the nested types or expressions" };
}

/** Whether the statement ended at `i` goes on (`if (a) b; else c`, `do a; while (b)`): it nests what follows. */
function continues(text: string, i: number): boolean {
  const next = skipTrivia(text, i);
  return /^(else|while)\b/.test(text.slice(next, next + 6));
}

/** Where the next token starts after `i`: past white space and comments. */
function skipTrivia(text: string, i: number): number {
  for (;;) {
    while (i < text.length && isSpace(text[i]!)) i++;
    if (text.startsWith("//", i)) i = lineEnd(text, i);
    else if (text.startsWith("/*", i)) i = text.indexOf("*/", i + 2) < 0 ? text.length : text.indexOf("*/", i + 2) + 2;
    else return i;
  }
}

function lineEnd(text: string, i: number): number {
  while (i < text.length && !isLineBreak(text[i]!)) i++;
  return i;
}

/** Where the string literal opened at `i` ends: after its closing quote, or at the end of its line. */
function stringEnd(text: string, i: number): number {
  const quote = text[i];
  for (i++; i < text.length; i++) {
    const c = text[i]!;
    if (c === quote) return i + 1;
    if (c === "\\") i += text.startsWith("\r\n", i + 1) ? 2 : 1;
    else if (c === "\n" || c === "\r") return i;
  }
  return i;
}

function stringLiteral(text: string, i: number): ScanProblem | undefined {
  const end = stringEnd(text, i);
  for (let j = i + 1; j < end; j++) {
    if (text[j] !== "\\") continue;
    const bad = escape(text, j);
    if (bad) return bad;
    j++;
  }
  return undefined;
}

/** TypeScript's errors for the escape at `i` (a backslash): octal escapes and `\8`, `\9`, which strict mode refuses. */
function escape(text: string, i: number): ScanProblem | undefined {
  const c = text[i + 1] ?? "";
  if (c === "8" || c === "9") return { code: "syntax", pos: i, message: `Escape sequence '\\${c}' is not allowed.`, hint: SYNTAX_HINT };
  if (!/[0-7]/.test(c) || (c === "0" && !/\d/.test(text[i + 2] ?? ""))) return undefined;
  // as TypeScript reads it: up to three octal digits, the first at most 3 when there are three
  const digits = /^[0-3][0-7]{0,2}|^[4-7][0-7]?/.exec(text.slice(i + 1, i + 4))![0];
  const hex = parseInt(digits, 8).toString(16).padStart(2, "0");
  return { code: "syntax", pos: i, message: `Octal escape sequences are not allowed. Use the syntax '\\x${hex}'.`, hint: SYNTAX_HINT };
}

/** TypeScript's errors for numbers with a leading zero (`010`, `08`), which strict mode refuses. */
function legacyNumber(raw: string, pos: number): ScanProblem | undefined {
  const digits = /^0\d+/.exec(raw)?.[0];
  if (!digits) return undefined;
  if (/^[0-7]+$/.test(digits)) {
    return { code: "syntax", pos, message: `Octal literals are not allowed. Use the syntax '0o${parseInt(digits, 8).toString(8)}'.`, hint: SYNTAX_HINT };
  }
  return { code: "syntax", pos, message: "Decimals with leading zeros are not allowed.", hint: SYNTAX_HINT };
}
