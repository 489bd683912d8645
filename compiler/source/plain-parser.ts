// A parser for the plain files most tenants are: imports, consts and a default export of literals, objects,
// arrays, names, calls, spreads, `as`/`satisfies` a type name. It gives the very tree oxc gives (test/compiler/
// plain-parser.test.ts compares them) at a fraction of the cost: no native call, no JSON round trip, no pre-scan.
// Anything else, or anything it is not sure of, returns undefined and the file goes to oxc (module.ts), so it
// never decides what a file means or which error it has: it only skips work for files oxc would read cleanly.
import { MAX_DEPTH, MAX_NEST } from "./limits";
import type { Program } from "./parser";

type Node = { type: string; start: number; end: number; [field: string]: unknown };

/** Thrown (once per file at most) when the file leaves the plain subset. */
const NOT_PLAIN = new Error("not plain");
const fail = (): never => {
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
const isDigit = (c: number) => c >= 48 && c <= 57;
// what may not follow a name or a number directly: more of a name, an escape, a dot, anything beyond ASCII
const continuesWord = (c: number) => isIdStart(c) || isDigit(c) || c === 92 || c === 46 || c >= 128;

/** The program oxc would give for `text`, when the file is plain; undefined otherwise. */
export function parsePlain(text: string): Program | undefined {
  // lone surrogates: leave their offsets to oxc (isWellFormed is Node 20's, missing from the ES2022 typings)
  if (!(text as string & { isWellFormed(): boolean }).isWellFormed()) return undefined;
  try {
    return new PlainParser(text).program() as unknown as Program;
  } catch (e) {
    if (e === NOT_PLAIN) return undefined;
    throw e;
  }
}

class PlainParser {
  private pos = 0;
  /** Start of the current token, and whether a line break precedes it. */
  private start = 0;
  private newline = false;
  // the pre-scan's bound on the parser's recursion (scan.ts), counted the same way: a file past it goes to oxc
  private readonly runs: number[] = [0];
  private nest = 0;

  constructor(private readonly text: string) {
    this.skip();
  }

  program(): Node {
    const body: Node[] = [];
    while (this.start < this.text.length) body.push(this.statement());
    return { type: "Program", body, sourceType: "module", hashbang: null, start: 0, end: this.text.length };
  }

  // ---- statements

  private statement(): Node {
    const start = this.start;
    const word = this.word();
    if (word === "import") return this.importDeclaration(start);
    if (word === "const") return this.variables(start);
    if (word !== "export") return fail();
    this.name();
    if (this.word() === "default") {
      this.name();
      const declaration = this.expression();
      return { type: "ExportDefaultDeclaration", declaration, exportKind: "value", start, end: this.end(declaration.end) };
    }
    if (this.word() !== "const") return fail();
    const declaration = this.variables(this.start);
    return { type: "ExportNamedDeclaration", declaration, specifiers: [], source: null, exportKind: "value", attributes: [], start, end: declaration.end };
  }

  private importDeclaration(start: number): Node {
    this.name();
    let importKind = "value";
    if (this.word() === "type") {
      this.name();
      importKind = "type";
    }
    this.punct(123); // {
    const specifiers: Node[] = [];
    do {
      if (this.is(125) && specifiers.length > 0) break; // a trailing comma
      specifiers.push(this.importSpecifier(importKind === "value"));
    } while (this.comma());
    this.punct(125); // }
    if (this.word() !== "from") return fail();
    this.name();
    const source = this.string();
    return { type: "ImportDeclaration", specifiers, source, phase: null, attributes: [], importKind, start, end: this.end(source.end) };
  }

  /** `name`, `name as local`, and in a value import `type name` (a type-only import has no `type` inside). */
  private importSpecifier(typed: boolean): Node {
    const start = this.start;
    let importKind = "value";
    if (typed && this.word() === "type") {
      this.name();
      importKind = "type";
    }
    const imported = this.binding();
    let local = imported;
    if (this.word() === "as") {
      this.name();
      local = this.binding();
    }
    return { type: "ImportSpecifier", imported, local, importKind, start, end: local.end };
  }

  private variables(start: number): Node {
    this.name(); // const
    const declarations: Node[] = [];
    do {
      const id = this.binding();
      this.punct(61); // =
      const init = this.expression();
      declarations.push({ type: "VariableDeclarator", id, init, definite: false, start: id.start, end: init.end });
    } while (this.comma());
    return { type: "VariableDeclaration", kind: "const", declarations, declare: false, start, end: this.end(declarations[declarations.length - 1]!.end) };
  }

  /** Where a statement ends: after its `;`, or at `end` when the next statement starts on a new line (or none does). */
  private end(end: number): number {
    if (this.is(59)) {
      const after = this.start + 1;
      this.token(1, false); // the pre-scan starts a new run at a `;`, uncounted
      this.reset();
      return after;
    }
    if (this.start === this.text.length) return end;
    const next = this.word();
    if (this.newline && (next === "import" || next === "export" || next === "const")) return end;
    return fail();
  }

  // ---- expressions

  private expression(): Node {
    let node = this.unary();
    for (;;) {
      const word = this.newline ? undefined : this.word();
      if (word !== "as" && word !== "satisfies") return node;
      this.name();
      const typeName = word === "as" && this.word() === "const" ? this.name() : this.binding();
      const typeAnnotation = { type: "TSTypeReference", typeName, typeArguments: null, start: typeName.start, end: typeName.end };
      node = { type: word === "as" ? "TSAsExpression" : "TSSatisfiesExpression", expression: node, typeAnnotation, start: node.start, end: typeName.end };
    }
  }

  private unary(): Node {
    if (!this.is(45)) return this.primary(); // -
    const start = this.start;
    this.token(1);
    if (!isDigit(this.code())) return fail();
    const argument = this.number();
    return { type: "UnaryExpression", operator: "-", argument, prefix: true, start, end: argument.end };
  }

  private primary(): Node {
    const c = this.code();
    if (c === 34 || c === 39) return this.string();
    if (isDigit(c)) return this.number();
    if (c === 96) return this.template();
    if (c === 123) return this.object();
    if (c === 91) return this.array();
    const word = this.word();
    if (word === "true" || word === "false" || word === "null") {
      const start = this.start;
      this.name();
      return { type: "Literal", value: word === "null" ? null : word === "true", raw: word, start, end: start + word.length };
    }
    const id = this.binding();
    return this.is(40) ? this.call(id) : id;
  }

  private call(callee: Node): Node {
    const args = this.list(40, 41, () => this.element());
    return { type: "CallExpression", callee, typeArguments: null, arguments: args.items, optional: false, start: callee.start, end: args.end };
  }

  private object(): Node {
    const start = this.start;
    const { items, end } = this.list(123, 125, () => (this.is(46) ? this.spread() : this.property()));
    return { type: "ObjectExpression", properties: items, start, end };
  }

  private property(): Node {
    const c = this.code();
    const key = c === 34 || c === 39 ? this.string() : isDigit(c) ? this.number() : this.name();
    this.punct(58); // :
    const value = this.expression();
    return { type: "Property", kind: "init", key, value, method: false, shorthand: false, computed: false, optional: false, start: key.start, end: value.end };
  }

  private array(): Node {
    const start = this.start;
    const { items, end } = this.list(91, 93, () => this.element());
    return { type: "ArrayExpression", elements: items, start, end };
  }

  private element(): Node {
    return this.is(46) ? this.spread() : this.expression();
  }

  private spread(): Node {
    const start = this.start;
    if (!this.text.startsWith("...", start)) return fail();
    for (let i = 0; i < 3; i++) this.token(1); // the pre-scan counts each dot
    const argument = this.expression();
    return { type: "SpreadElement", argument, start, end: argument.end };
  }

  /** `open item, item, close` (a trailing comma allowed, no holes), one bracket deeper. */
  private list(open: number, close: number, item: () => Node): { items: Node[]; end: number } {
    this.punct(open);
    this.runs.push(0);
    if (this.runs.length - 1 > MAX_DEPTH || ++this.nest > MAX_NEST) return fail();
    const items: Node[] = [];
    while (!this.is(close)) {
      items.push(item());
      if (!this.comma()) break;
    }
    const end = this.start + 1;
    this.nest -= this.runs.pop()! + 1;
    this.punct(close); // counted in the enclosing bracket, as the pre-scan does
    return { items, end };
  }

  // ---- tokens

  private string(): Node {
    const { text } = this;
    const start = this.start;
    const quote = text.charCodeAt(start);
    if (quote !== 34 && quote !== 39) return fail();
    // most strings hold no escape and no line break: found by the engine's own search, not a loop of ours
    const close = text.indexOf(quote === 34 ? '"' : "'", start + 1);
    if (close > start && !SPECIAL_IN_STRING.test(text.slice(start + 1, close))) {
      this.token(close + 1 - start);
      return { type: "Literal", value: text.slice(start + 1, close), raw: text.slice(start, close + 1), start, end: close + 1 };
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
    return { type: "Literal", value, raw: text.slice(start, i + 1), start, end: i + 1 };
  }

  private number(): Node {
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
    const raw = text.slice(start, i);
    const value = Number(raw);
    if (i === start || continuesWord(text.charCodeAt(i)) || !Number.isFinite(value)) return fail();
    this.token(i - start);
    return { type: "Literal", value, raw, start, end: i };
  }

  private template(): Node {
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
  private word(): string | undefined {
    if (this.wordAt === this.start) return this.lastWord; // asked again for the same token
    const { text } = this;
    let word: string | undefined;
    if (isIdStart(text.charCodeAt(this.start))) {
      let i = this.start + 1;
      while (isIdStart(text.charCodeAt(i)) || isDigit(text.charCodeAt(i))) i++;
      if (!continuesWord(text.charCodeAt(i)) || text.charCodeAt(i) === 46) word = text.slice(this.start, i);
    }
    this.wordAt = this.start;
    this.lastWord = word;
    return word;
  }

  private wordAt = -1;
  private lastWord: string | undefined;

  /** The name at the current token as an Identifier node (any word: a property name may be reserved). */
  private name(): Node {
    const name = this.word() ?? fail();
    const start = this.start;
    this.token(name.length);
    return { type: "Identifier", decorators: NO_DECORATORS, name, optional: false, typeAnnotation: null, start, end: start + name.length };
  }

  /** A name that binds or refers to a value or a type: never a reserved word. */
  private binding(): Node {
    const word = this.word();
    return word === undefined || RESERVED.has(word) ? fail() : this.name();
  }

  private code(): number {
    return this.text.charCodeAt(this.start);
  }

  private is(c: number): boolean {
    return this.text.charCodeAt(this.start) === c;
  }

  private punct(c: number): void {
    if (!this.is(c)) fail();
    if (c === 123 || c === 91 || c === 40) return this.token(1, false);
    this.token(1);
  }

  /** Consumes a `,` if there is one (the pre-scan starts a new run of tokens there). */
  private comma(): boolean {
    if (!this.is(44)) return false;
    this.token(1, false);
    this.reset();
    return true;
  }

  private reset(): void {
    const top = this.runs.length - 1;
    this.nest -= this.runs[top]!;
    this.runs[top] = 0;
  }

  /** Moves past the current token of `length` characters (counted as the pre-scan counts it), then past trivia. */
  private token(length: number, counted = true): void {
    if (counted) {
      this.runs[this.runs.length - 1]!++;
      if (++this.nest > MAX_NEST) fail();
    }
    this.pos = this.start + length;
    this.skip();
  }

  /** Skips white space and comments up to the next token, noting whether a line break is among them. */
  private skip(): void {
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
