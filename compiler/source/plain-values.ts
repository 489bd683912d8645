// The plainest entry files read straight to their value, with no syntax tree: imports from the api and of
// presets, then `export default defineX({ ... })` of strings, numbers, booleans, null, objects, arrays, preset
// names and their spreads, any of them `as const` or `satisfies` a type name. Most tenant files are just that. It reads them in the plain parser's tokens
// (plain-tokens.ts) and means by them what the evaluation (evaluate.ts) means by the tree the plain parser
// gives, locations included; a preset's value is read once and copied (preset-templates.ts).
// Anything else (consts, calls, a duplicate or forbidden key, a preset with any problem, near a limit, ...)
// returns undefined and the file takes the whole way, which alone reports errors.
// test/compiler/plain-values.test.ts compares both ways on random files.
import type { Location } from "../diagnostics";
import { forbiddenKey } from "./keys";
import { MAX_CHAIN, MAX_DEPTH, MAX_FILE_BYTES, MAX_TEXT, MAX_VALUES } from "./limits";
import { lineAndColumn, lineStarts } from "./lines";
import { Locator } from "./locator";
import type { ImportTarget } from "./module";
import { NOT_PLAIN, PlainTokens, fail, isDigit } from "./plain-tokens";
import { copy, type PresetTemplate, type Presets } from "./preset-templates";

export interface PlainValue {
  value: Record<string, unknown>;
  locator: Locator;
}

/** The value of `file` (named `file` in locations) when it is that plain; undefined otherwise. */
export function readPlainValue(file: string, text: string, entry: string, resolve: (specifier: string) => ImportTarget, presets: Presets): PlainValue | undefined {
  // what parseModule and parsePlain refuse or leave to oxc before reading
  if (Buffer.byteLength(text, "utf8") > MAX_FILE_BYTES) return undefined;
  if (!(text as string & { isWellFormed(): boolean }).isWellFormed()) return undefined;
  try {
    return new PlainValues(file, text, resolve, presets).read(entry);
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
  /** Local names of preset imports, with their templates. */
  private readonly presetNames = new Map<string, PresetTemplate>();

  constructor(
    private readonly file: string,
    text: string,
    private readonly resolve: (specifier: string) => ImportTarget,
    private readonly presets: Presets,
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

  /** `import { a, b as c } from "<the api or a preset>"` (as the plain parser reads it), each local name once. */
  private importDeclaration(locals: Set<string>, callees: Set<string>, entry: string): void {
    this.skipWord();
    // `import type { ... }`: erased, never resolved; its names only need to be unique among imports
    const typeOnly = this.word() === "type";
    if (typeOnly) this.skipWord();
    this.punct(123);
    const names: [imported: string, local: string][] = [];
    let count = 0;
    do {
      if (this.is(125) && count > 0) break; // a trailing comma
      // `type name` in a value import: a type, erased (the plain parser reads `type` there only)
      const typed = !typeOnly && this.word() === "type";
      if (typed) this.skipWord();
      const imported = this.binding().name as string;
      let local = imported;
      if (this.word() === "as") {
        this.skipWord();
        local = this.binding().name as string;
      }
      if (locals.has(local)) fail();
      locals.add(local);
      if (!typed && !typeOnly) names.push([imported, local]);
      count++;
    } while (this.comma());
    this.punct(125);
    if (this.word() !== "from") fail();
    this.skipWord();
    const specifier = this.stringValue();
    if (typeOnly) return;
    const target = this.resolve(specifier) ?? fail();
    for (const [imported, local] of names) {
      if (target.kind === "api") {
        if (imported === entry) callees.add(local);
        continue;
      }
      // every preset import is linked, used or not (an ES module is): each must be there and without problems
      this.presetNames.set(local, this.presets(target.abs, imported) ?? fail());
    }
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

  /** Where `pos` is, as lineAndColumn counts: positions only move forward here, so the line is found by walking on. */
  private at(pos: number): Location {
    const lines = (this.lines ??= lineStarts(this.text));
    let i = this.line;
    if (lines[i]! > pos) return { file: this.file, ...lineAndColumn(lines, pos) }; // (never: a safeguard)
    while (i + 1 < lines.length && lines[i + 1]! <= pos) i++;
    this.line = i;
    return { file: this.file, line: i + 1, col: pos - lines[i]! + 1 };
  }

  private line = 0;

  /** The value at the current token, and any `as const`, `as T` or `satisfies T` after it (erased); `key` is its path as the locator keys it. */
  private value(key: string): unknown {
    const value = this.literal(key);
    this.types();
    return value;
  }

  /** `as` or `satisfies` a type name, on the value's line, as the plain parser reads them (any number of them). */
  private types(): void {
    for (;;) {
      const c = this.code();
      const word = this.newline || (c !== 97 && c !== 115) ? undefined : this.word();
      if (word !== "as" && word !== "satisfies") return;
      this.skipWord();
      if (word === "as" && this.word() === "const") this.skipWord();
      else this.binding();
    }
  }

  private literal(key: string): unknown {
    if (++this.values > MAX_VALUES) fail();
    const start = this.start;
    this.locator.recordValue(key, this.at(start));
    const c = this.code();
    if (c === 34 || c === 39) return this.counted(this.stringValue());
    if (c === 96) return this.counted((this.template().quasis as { value: { cooked: string } }[])[0]!.value.cooked);
    if (isDigit(c)) return this.numberValue();
    if (c === 45) {
      this.token(1);
      if (!isDigit(this.code())) fail();
      return -this.numberValue();
    }
    // the root's children are keyed by their name alone (as keyOf([name]) is)
    if (c === 123) return this.object(this.depth === 0 ? "" : `${key}\u0000`);
    if (c === 91) return this.array(this.depth === 0 ? "" : `${key}\u0000`);
    const word = this.word();
    if (word !== "true" && word !== "false" && word !== "null") return this.named(key);
    this.token(word.length);
    return word === "null" ? null : word === "true";
  }

  /** A preset's name as a value: its value, recorded where it was written in the preset (as a name is followed). */
  private named(key: string): unknown {
    const t = this.presetNamed(0); // the name was counted as a value already
    this.locator.recordValue(key, t.root);
    this.splice(t, `${key}\u0000`, (k) => k);
    return copy(t.value);
  }

  /** `...name` of a preset's object, into `out` whose children's keys start with `prefix`. */
  private spreadObject(out: Record<string, unknown>, prefix: string, written: Set<string>): void {
    this.spreadDots();
    const t = this.presetNamed(1);
    if (t.value === null || typeof t.value !== "object" || Array.isArray(t.value)) fail();
    const value = t.value as Record<string, unknown>;
    for (const name of Object.keys(value)) {
      if (written.has(name)) fail(); // always overwritten: TypeScript refuses it (reported the whole way)
      out[name] = copy(value[name]);
    }
    this.splice(t, prefix, (k) => k);
  }

  /** `...name` of a preset's array, appended to `out`. */
  private spreadArray(out: unknown[], prefix: string): void {
    this.spreadDots();
    const t = this.presetNamed(0);
    if (!Array.isArray(t.value)) fail();
    const offset = out.length;
    for (const item of t.value as unknown[]) out.push(copy(item));
    // its elements' paths start with their index: shifted by the elements before the spread
    this.splice(t, prefix, (k) => {
      const cut = k.indexOf("\u0000");
      return cut < 0 ? String(Number(k) + offset) : String(Number(k.slice(0, cut)) + offset) + k.slice(cut);
    });
  }

  private spreadDots(): void {
    if (!this.text.startsWith("...", this.start)) fail();
    for (let i = 0; i < 3; i++) this.token(1); // the pre-scan counts each dot
  }

  /** The template of the preset name at the current token, counted against the limits (`own`: values the name itself counts). */
  private presetNamed(own: number): PresetTemplate {
    const name = this.binding().name as string;
    const t = this.presetNames.get(name) ?? fail();
    this.types();
    // a margin below each limit: near one, the whole way decides exactly where it is reached
    this.values += own + t.count;
    this.chars += t.text;
    if (this.values + 2 >= MAX_VALUES || this.chars > MAX_TEXT || this.depth + t.depth + 2 >= MAX_DEPTH || t.chain + 3 >= MAX_CHAIN) fail();
    return t;
  }

  /** Records a template's locations under `prefix`, each relative key mapped by `rekey`. */
  private splice(t: PresetTemplate, prefix: string, rekey: (k: string) => string): void {
    for (const [k, at] of t.values) this.locator.recordValue(prefix + rekey(k), at);
    for (const [k, at] of t.keys) this.locator.recordKey(prefix + rekey(k), at);
  }

  private counted(text: string): string {
    this.chars += text.length;
    return this.chars > MAX_TEXT ? fail() : text;
  }

  private object(prefix: string): Record<string, unknown> {
    if (++this.depth > MAX_DEPTH) fail();
    const out: Record<string, unknown> = {};
    const written = new Set<string>(); // keys written in this literal (a spread's may be written over)
    this.open(123);
    while (!this.is(125)) {
      if (this.is(46)) {
        this.spreadObject(out, prefix, written);
        if (!this.comma()) break;
        continue;
      }
      const c = this.code();
      const keyStart = this.start;
      const name = c === 34 || c === 39 ? this.stringValue() : isDigit(c) ? String(this.numberValue()) : this.anyWord();
      this.punct(58); // :
      if (forbiddenKey(name) !== undefined || written.has(name)) fail();
      written.add(name);
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
      if (this.is(46)) this.spreadArray(out, prefix);
      else out.push(this.value(prefix + out.length));
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
