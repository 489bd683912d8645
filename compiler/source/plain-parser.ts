// A parser for the plain files most tenants are: imports, consts and a default export of literals, objects,
// arrays, names, calls, spreads, `as`/`satisfies` a type name. It gives the very tree oxc gives (test/compiler/
// plain-parser.test.ts compares them) at a fraction of the cost: no native call, no JSON round trip, no pre-scan.
// Anything else, or anything it is not sure of, returns undefined and the file goes to oxc (module.ts), so it
// never decides what a file means or which error it has: it only skips work for files oxc would read cleanly.
import type { Program } from "./parser";
import { NOT_PLAIN, PlainTokens, fail, isDigit, type Node } from "./plain-tokens";

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

class PlainParser extends PlainTokens {
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
      // `as` or `satisfies` on the same line (most values are followed by `,` or a bracket instead)
      const c = this.code();
      const word = this.newline || (c !== 97 && c !== 115) ? undefined : this.word();
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
    this.open(open);
    const items: Node[] = [];
    while (!this.is(close)) {
      items.push(item());
      if (!this.comma()) break;
    }
    const end = this.start + 1;
    this.close(close);
    return { items, end };
  }
}
