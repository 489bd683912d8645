// The tokens of the plain-file parser (plain-parser.ts): white space and comments, names, strings, numbers,
// templates and punctuation, each read only in the forms whose meaning is beyond doubt (anything else fails, and
// the file goes to oxc), counted as the pre-scan (scan.ts) counts them so a file it would refuse is never taken.
import { MAX_DEPTH, MAX_NEST } from "./limits";

export type Node = { type: string; start: number; end: number; [field: string]: unknown };

/** Thrown (once per file at most) when the file leaves the plain subset. */
export const NOT_PLAIN = new Error("not plain");
export const fail = (): never => {
  throw NOT_PLAIN;
};

// words that are not plain names where a value, a binding or a type name stands (kept broad: a fallback costs little)
const RESERVED = new Set(
  ("break case catch class const continue debugger default delete do else enum export extends false finally for function if import in " +
    "instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package " +
    "private protected public await async as satisfies type of get set declare abstract readonly keyof unique infer is asserts accessor " +
    "any unknown never object string number boolean bigint symbol undefined module namespace global require out from constructor").split(" "),
);
const ESCAPES: Record<string, string> = { "\\": "\\", '"': '"', "'": "'", n: "\n", r: "\r", t: "\t" };
const NO_DECORATORS: readonly never[] = Object.freeze([]);
const SPECIAL_IN_STRING = /[\\\n\r\u2028\u2029]/;
const LINE_BREAK = /[\n\r\u2028\u2029]/g;

const isIdStart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36;
export const isDigit = (c: number) => c >= 48 && c <= 57;
// what may not follow a name or a number directly: more of a name, an escape, a dot, anything beyond ASCII
const continuesWord = (c: number) => isIdStart(c) || isDigit(c) || c === 92 || c === 46 || c >= 128;

export class PlainTokens {
  /** Where the last token moved past ends (before the trivia after it). */
  protected pos = 0;
  /** Start of the current token, and whether a line break precedes it. */
  protected start = 0;
  protected newline = false;
  // the pre-scan's bound on the parser's recursion (scan.ts), counted the same way: a file past it goes to oxc
  private readonly runs: number[] = [0];
  private nest = 0;

  constructor(protected readonly text: string) {
    this.skip();
  }

  /** Opens a bracket: one level deeper, as the pre-scan counts brackets and nesting. */
  protected open(c: number): void {
    this.punct(c);
    this.runs.push(0);
    if (this.runs.length - 1 > MAX_DEPTH || ++this.nest > MAX_NEST) fail();
  }

  /** Closes a bracket; the pre-scan counts the bracketed group as one token of the enclosing one. */
  protected close(c: number): void {
    this.nest -= this.runs.pop()! + 1;
    this.punct(c);
  }

  protected string(): Node {
    const start = this.start;
    const value = this.stringValue();
    return { type: "Literal", value, raw: this.text.slice(start, this.pos), start, end: this.pos };
  }

  /** The value of the string literal at the current token, moved past (the token ends at `pos`). */
  protected stringValue(): string {
    const { text } = this;
    const start = this.start;
    const quote = text.charCodeAt(start);
    if (quote !== 34 && quote !== 39) return fail();
    // most strings hold no escape and no line break: found by the engine's own search, not a loop of ours
    const close = text.indexOf(quote === 34 ? '"' : "'", start + 1);
    if (close > start && !SPECIAL_IN_STRING.test(text.slice(start + 1, close))) {
      this.token(close + 1 - start);
      return text.slice(start + 1, close);
    }
    let value = "";
    let from = start + 1;
    let i = from;
    for (;; i++) {
      const c = text.charCodeAt(i);
      if (c === quote) break;
      if (Number.isNaN(c) || c === 10 || c === 13 || c === 0x2028 || c === 0x2029) return fail();
      if (c === 92) {
        const escaped = ESCAPES[text[i + 1]!];
        if (escaped === undefined) return fail();
        value += text.slice(from, i) + escaped;
        from = ++i + 1;
      }
    }
    value += text.slice(from, i);
    this.token(i + 1 - start);
    return value;
  }

  protected number(): Node {
    const start = this.start;
    const value = this.numberValue();
    return { type: "Literal", value, raw: this.text.slice(start, this.pos), start, end: this.pos };
  }

  /** The value of the number literal at the current token, moved past (the token ends at `pos`). */
  protected numberValue(): number {
    const { text } = this;
    const start = this.start;
    let i = start;
    if (text.charCodeAt(i) === 48) i++;
    else while (isDigit(text.charCodeAt(i))) i++;
    if (text.charCodeAt(i) === 46 && isDigit(text.charCodeAt(i + 1))) for (i++; isDigit(text.charCodeAt(i)); ) i++;
    const e = text.charCodeAt(i);
    if (e === 101 || e === 69) {
      i += text.charCodeAt(i + 1) === 43 || text.charCodeAt(i + 1) === 45 ? 2 : 1;
      if (!isDigit(text.charCodeAt(i))) return fail();
      while (isDigit(text.charCodeAt(i))) i++;
    }
    const value = Number(text.slice(start, i));
    if (i === start || continuesWord(text.charCodeAt(i)) || !Number.isFinite(value)) return fail();
    this.token(i - start);
    return value;
  }

  protected template(): Node {
    const { text } = this;
    const start = this.start;
    const close = text.indexOf("`", start + 1);
    if (close < 0) return fail();
    const raw = text.slice(start + 1, close);
    // substitutions, escapes and CR (which a template turns into LF) are oxc's to read
    if (raw.includes("${") || raw.includes("\\") || raw.includes("\r")) return fail();
    this.token(close + 1 - start);
    const quasi = { type: "TemplateElement", value: { raw, cooked: raw }, tail: true, start, end: close + 1 };
    return { type: "TemplateLiteral", quasis: [quasi], expressions: [], start, end: close + 1 };
  }

  /** The plain name at the current token (reserved words included), or undefined. */
  protected word(): string | undefined {
    if (this.wordAt === this.start) return this.lastWord; // asked again for the same token
    const { text } = this;
    let word: string | undefined;
    // [A-Za-z_$][A-Za-z0-9_$]*, in a loop: a regular expression's match costs more for names this short
    const start = this.start;
    if (isIdStart(text.charCodeAt(start))) {
      let i = start + 1;
      for (let c = text.charCodeAt(i); isIdStart(c) || isDigit(c); c = text.charCodeAt(++i));
      const next = text.charCodeAt(i);
      if (!continuesWord(next) || next === 46) word = text.slice(start, i);
    }
    this.wordAt = this.start;
    this.lastWord = word;
    return word;
  }

  private wordAt = -1;
  private lastWord: string | undefined;

  /** The name at the current token as an Identifier node (any word: a property name may be reserved). */
  protected name(): Node {
    const name = this.word() ?? fail();
    const start = this.start;
    this.token(name.length);
    return { type: "Identifier", decorators: NO_DECORATORS, name, optional: false, typeAnnotation: null, start, end: start + name.length };
  }

  /** A name that binds or refers to a value or a type: never a reserved word. */
  protected binding(): Node {
    const word = this.word();
    return word === undefined || RESERVED.has(word) ? fail() : this.name();
  }

  protected code(): number {
    return this.text.charCodeAt(this.start);
  }

  protected is(c: number): boolean {
    return this.text.charCodeAt(this.start) === c;
  }

  protected punct(c: number): void {
    if (!this.is(c)) fail();
    if (c === 123 || c === 91 || c === 40) return this.token(1, false);
    this.token(1);
  }

  /** Consumes a `,` if there is one (the pre-scan starts a new run of tokens there). */
  protected comma(): boolean {
    if (!this.is(44)) return false;
    this.token(1, false);
    this.reset();
    return true;
  }

  protected reset(): void {
    const top = this.runs.length - 1;
    this.nest -= this.runs[top]!;
    this.runs[top] = 0;
  }

  /** Moves past the current token of `length` characters (counted as the pre-scan counts it), then past trivia. */
  protected token(length: number, counted = true): void {
    if (counted) {
      this.runs[this.runs.length - 1]!++;
      if (++this.nest > MAX_NEST) fail();
    }
    this.pos = this.start + length;
    this.skip();
  }

  /** Skips white space and comments up to the next token, noting whether a line break is among them. */
  protected skip(): void {
    const { text } = this;
    let i = this.pos;
    let newline = false;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9) i++;
      else if (c === 10 || c === 13) {
        newline = true;
        i++;
      } else if (c === 47 && text.charCodeAt(i + 1) === 47) {
        LINE_BREAK.lastIndex = i + 2;
        i = LINE_BREAK.exec(text)?.index ?? text.length;
      } else if (c === 47 && text.charCodeAt(i + 1) === 42) {
        const close = text.indexOf("*/", i + 2);
        if (close < 0) fail();
        if (/[\n\r\u2028\u2029]/.test(text.slice(i + 2, close))) newline = true;
        i = close + 2;
      } else break;
    }
    this.start = i;
    this.newline = newline;
  }
}
