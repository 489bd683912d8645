// The plainest entry files read straight to their value, with no syntax tree: imports from the api, then
// `export default defineX({ ... })` of strings, numbers, booleans, null, objects and arrays. Most tenant files
// are just that. It reads them in the plain parser's tokens (plain-tokens.ts) and means by them what the
// evaluation (evaluate.ts) means by the tree the plain parser gives, locations included; anything else (consts,
// names, spreads, `as`, presets, a duplicate or forbidden key, a limit reached, ...) returns undefined and the
// file takes the whole way (static-reader.ts), which alone reports errors. test/compiler/plain-values.test.ts
// compares both ways on random files.
import type { Location } from "../diagnostics";
import { forbiddenKey } from "./keys";
import { MAX_DEPTH, MAX_FILE_BYTES, MAX_TEXT, MAX_VALUES } from "./limits";
import { lineAndColumn, lineStarts } from "./lines";
import { Locator } from "./locator";
import type { ImportTarget } from "./module";
import { NOT_PLAIN, PlainTokens, fail, isDigit } from "./plain-tokens";

export interface PlainValue {
  value: Record<string, unknown>;
  locator: Locator;
}

/** The value of `file` (named `file` in locations) when it is that plain; undefined otherwise. */
export function readPlainValue(file: string, text: string, entry: string, resolve: (specifier: string) => ImportTarget): PlainValue | undefined {
  // what parseModule and parsePlain refuse or leave to oxc before reading
  if (Buffer.byteLength(text, "utf8") > MAX_FILE_BYTES) return undefined;
  if (!(text as string & { isWellFormed(): boolean }).isWellFormed()) return undefined;
  try {
    return new PlainValues(file, text, resolve).read(entry);
  } catch (e) {
    if (e === NOT_PLAIN) return undefined;
    throw e;
  }
}

class PlainValues extends PlainTokens {
  private readonly locator: Locator;
  private lines?: number[];
  private values = 0;
  private chars = 0;
  private depth = 0;

  constructor(
    private readonly file: string,
    text: string,
    private readonly resolve: (specifier: string) => ImportTarget,
  ) {
    super(text);
    this.locator = new Locator(file);
  }

  read(entry: string): PlainValue {
    const locals = new Set<string>();
    const callees = new Set<string>(); // local names of the api's `entry`
    while (this.word() === "import") {
      this.importDeclaration(locals, callees, entry);
      this.endStatement();
    }
    if (this.word() !== "export") fail();
    this.skipWord();
    if (this.word() !== "default") fail();
    this.skipWord();
    if (!callees.has(this.binding().name as string)) fail();
    this.open(40); // (
    if (!this.is(123)) fail();
    const value = this.value("") as Record<string, unknown>;
    this.comma();
    this.close(41); // )
    if (this.is(59)) this.token(1, false);
    if (this.start !== this.text.length) fail();
    return { value, locator: this.locator };
  }

  /** `import { a, b as c } from "<the api>"` (as the plain parser reads it), each local name once. */
  private importDeclaration(locals: Set<string>, callees: Set<string>, entry: string): void {
    this.skipWord();
    this.punct(123);
    let count = 0;
    do {
      if (this.is(125) && count > 0) break; // a trailing comma
      if (this.word() === "type") fail();
      const imported = this.binding().name as string;
      let local = imported;
      if (this.word() === "as") {
        this.skipWord();
        local = this.binding().name as string;
      }
      if (locals.has(local)) fail();
      locals.add(local);
      if (imported === entry) callees.add(local);
      count++;
    } while (this.comma());
    this.punct(125);
    if (this.word() !== "from") fail();
    this.skipWord();
    if (this.resolve(this.string().value as string)?.kind !== "api") fail();
  }

  /** A `;`, or a line break before the next import or export (the plain parser's rule, narrowed). */
  private endStatement(): void {
    if (this.is(59)) {
      this.token(1, false);
      this.reset();
      return;
    }
    const next = this.word();
    if (!this.newline || (next !== "import" && next !== "export")) fail();
  }

  private skipWord(): void {
    this.token(this.word()!.length);
  }

  private at(pos: number): Location {
    const { line, col } = lineAndColumn((this.lines ??= lineStarts(this.text)), pos);
    return { file: this.file, line, col };
  }

  /** The value at the current token; `key` is its path as the locator keys it. */
  private value(key: string): unknown {
    if (++this.values > MAX_VALUES) fail();
    const start = this.start;
    this.locator.recordValue(key, this.at(start));
    const c = this.code();
    if (c === 34 || c === 39) return this.counted(this.string().value as string);
    if (c === 96) return this.counted((this.template().quasis as { value: { cooked: string } }[])[0]!.value.cooked);
    if (isDigit(c)) return this.number().value;
    if (c === 45) {
      this.token(1);
      if (!isDigit(this.code())) fail();
      return -(this.number().value as number);
    }
    // the root's children are keyed by their name alone (as keyOf([name]) is)
    if (c === 123) return this.object(this.depth === 0 ? "" : `${key}\u0000`);
    if (c === 91) return this.array(this.depth === 0 ? "" : `${key}\u0000`);
    const word = this.word();
    if (word !== "true" && word !== "false" && word !== "null") return fail();
    this.token(word.length);
    return word === "null" ? null : word === "true";
  }

  private counted(text: string): string {
    this.chars += text.length;
    return this.chars > MAX_TEXT ? fail() : text;
  }

  private object(prefix: string): Record<string, unknown> {
    if (++this.depth > MAX_DEPTH) fail();
    const out: Record<string, unknown> = {};
    this.open(123);
    while (!this.is(125)) {
      const c = this.code();
      const keyStart = this.start;
      const name = c === 34 || c === 39 ? (this.string().value as string) : isDigit(c) ? String(this.number().value) : this.anyWord();
      this.punct(58); // :
      if (forbiddenKey(name) !== undefined || Object.hasOwn(out, name)) fail();
      const child = prefix + name;
      this.locator.recordKey(child, this.at(keyStart));
      out[name] = this.value(child);
      if (!this.comma()) break;
    }
    this.close(125);
    this.depth--;
    return out;
  }

  private array(prefix: string): unknown[] {
    if (++this.depth > MAX_DEPTH) fail();
    const out: unknown[] = [];
    this.open(91);
    while (!this.is(93)) {
      out.push(this.value(prefix + out.length));
      if (!this.comma()) break;
    }
    this.close(93);
    this.depth--;
    return out;
  }

  /** A property name: any word, reserved ones included (as the plain parser's `name`). */
  private anyWord(): string {
    const word = this.word() ?? fail();
    this.token(word.length);
    return word;
  }
}
