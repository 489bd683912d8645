// A fast reader for the plain block YAML the compiler writes (render/yaml.ts) and most tools emit: block
// mappings and sequences, one-line plain, single- and double-quoted scalars, `{}`/`[]`, literal blocks, full-line
// comments and `---` separators. It gives exactly what js-yaml gives with the same schema, or gives up
// (returns undefined) on anything else — flow collections, anchors, tags, folded or multi-line scalars, tabs,
// odd characters, duplicate keys, deep nesting — and js-yaml reads the file instead, with its own errors.
// Several times faster than js-yaml on the compiler's output, which is most of a validate run's work.

/** How a plain scalar resolves: the schema's implicit types in order (js-yaml's composeNode), else a string. */
export type PlainResolver = (text: string) => unknown;

class GiveUp extends Error {}
const GIVE_UP = new GiveUp();
const fail = (): never => {
  throw GIVE_UP;
};

// any character but printable ASCII and the line feed: most files have none, and skip the tests below
const NOT_PLAIN_ASCII = /[^\x20-\x7e\n]/;
// js-yaml's own test for characters it refuses (a file with one is left to it, for its error)
const NON_PRINTABLE = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/;
// js-yaml stops at 100 levels; staying well below leaves that error to it
const MAX_DEPTH = 90;
// a plain scalar may not start with these (indicators), nor hold a comment or a `key: value` pair
const INDICATOR = /^[-?:,[\]{}#&*!|>'"%@`]/;
// indicators first (but `-` before a non-space: `-1`, `-x`), a comment, a `key: value` pair, or an end in `:` or space
const NOT_PLAIN = /^(?:[?:,[\]{}#&*!|>'"%@`]|-(?: |$))| #|: |[: ]$/;

/** Every document of `text`, as js-yaml's loadAll gives them; undefined when the text needs js-yaml. */
export function loadBlockYaml(text: string, resolve: PlainResolver): unknown[] | undefined {
  if (NOT_PLAIN_ASCII.test(text) && (text.includes("\t") || text.includes("\r") || text.charCodeAt(0) === 0xfeff || NON_PRINTABLE.test(text))) return undefined;
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  try {
    return new Reader(lines, resolve).documents();
  } catch (e) {
    if (e === GIVE_UP) return undefined;
    throw e;
  }
}

function indentOf(line: string): number {
  let i = 0;
  while (line.charCodeAt(i) === 32) i++;
  return i;
}

class Reader {
  private i = 0;
  private end = 0;
  private depth = 0;
  constructor(
    private readonly lines: string[],
    private readonly resolvePlain: PlainResolver,
  ) {}

  documents(): unknown[] {
    const { lines } = this;
    const separators: number[] = [];
    for (let n = 0; n < lines.length; n++) {
      const c = lines[n]!.charCodeAt(0);
      // `---` alone is a separator; `--- x`, `...` and directives are left to js-yaml
      if (c === 45 && lines[n]!.startsWith("---")) {
        if (lines[n] !== "---") fail();
        separators.push(n);
      } else if ((c === 46 && lines[n]!.startsWith("...")) || c === 37) fail();
    }
    const docs: unknown[] = [];
    // before the first separator: a document only when it has content (comments alone open none)
    const firstEnd = separators.length > 0 ? separators[0]! : lines.length;
    this.i = 0;
    this.end = firstEnd;
    if (this.peek() >= 0) docs.push(this.document());
    else if (separators.length === 0) fail(); // js-yaml's rules for an empty stream: left to it
    for (let s = 0; s < separators.length; s++) {
      this.i = separators[s]! + 1;
      this.end = s + 1 < separators.length ? separators[s + 1]! : lines.length;
      docs.push(this.peek() < 0 ? null : this.document());
    }
    return docs;
  }

  /** Indent of the next line with content (skipping blank and comment lines), or -1 at the document's end. */
  private peek(): number {
    while (this.i < this.end) {
      const line = this.lines[this.i]!;
      const ind = indentOf(line);
      if (ind < line.length && line.charCodeAt(ind) !== 35) return ind;
      this.i++;
    }
    return -1;
  }

  private document(): unknown {
    const ind = this.peek();
    const line = this.lines[this.i]!;
    let value: unknown;
    if (isDash(line, ind) || keyEnd(line, ind) >= 0) value = this.collection(ind);
    else {
      value = this.inline(line.slice(ind), -1);
      this.i++;
    }
    if (this.peek() >= 0) fail();
    return value;
  }

  /** The block collection whose first line is the current one, at column `col`. */
  private collection(col: number, firstCol = col): unknown {
    if (++this.depth > MAX_DEPTH) fail();
    const line = this.lines[this.i]!;
    const value = isDash(line, firstCol) ? this.sequence(col, firstCol) : this.mapping(col, firstCol);
    this.depth--;
    return value;
  }

  /** The value of a `key:` or `-` with nothing after it on its line, whose entry is at column `col`. */
  private nested(col: number, sequenceAllowed: boolean): unknown {
    this.i++;
    const next = this.peek();
    if (next > col) return this.collection(next);
    // a sequence may sit at its key's own column
    if (sequenceAllowed && next === col && isDash(this.lines[this.i]!, col)) return this.collection(col);
    return null;
  }

  private mapping(col: number, firstCol: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (let at = firstCol; ; at = col) {
      const line = this.lines[this.i]!;
      const end = keyEnd(line, at);
      if (end < 0) fail();
      const key = this.key(line.slice(at, end));
      if (key === "__proto__" || Object.hasOwn(out, key)) fail();
      if (end + 1 === line.length) out[key] = this.nested(col, true);
      else {
        // one space after the colon (js-yaml reads more in ways of its own)
        if (line.charCodeAt(end + 2) === 32) fail();
        out[key] = this.inline(line.slice(end + 2), col);
        this.i++;
      }
      const next = this.peek();
      if (next < col) break;
      if (next > col) fail(); // a multi-line plain scalar, or an error: js-yaml tells
    }
    return out;
  }

  private sequence(col: number, firstCol: number): unknown[] {
    const out: unknown[] = [];
    for (let at = firstCol; ; at = col) {
      const line = this.lines[this.i]!;
      if (!isDash(line, at)) break; // a sequence at its key's column ends at the next key
      if (line.length === at + 1) out.push(this.nested(at, false));
      else {
        // one space after the dash; `- - x` (a sequence in a sequence) is left to js-yaml, which reads it loosely
        const item = at + 2;
        if (line.charCodeAt(item) === 32 || isDash(line, item)) fail();
        // `- key: value` opens a mapping on the entry's own line
        if (keyEnd(line, item) >= 0) out.push(this.collection(item));
        else {
          out.push(this.inline(line.slice(item), at));
          this.i++;
        }
      }
      const next = this.peek();
      if (next < col) break;
      if (next > col) fail();
    }
    return out;
  }

  private key(text: string): string {
    const c = text.charCodeAt(0);
    if (c === 34) return doubleQuoted(text);
    if (c === 39) return singleQuoted(text);
    if (text.length > 1000) fail(); // YAML limits implicit keys to 1024 characters
    return String(this.resolvePlain(text));
  }

  /** A scalar (or `{}`/`[]`) after `key: ` or `- `; `parent` is the entry's column, for a literal block. */
  private inline(text: string, parent: number): unknown {
    const c = text.charCodeAt(0);
    if (c === 34) return doubleQuoted(text);
    if (c === 39) return singleQuoted(text);
    if (text === "{}") return {};
    if (text === "[]") return [];
    if (c === 124) return this.literal(text, parent);
    if (text === "") fail();
    if (NOT_PLAIN.test(text)) fail();
    return this.resolvePlain(text);
  }

  /** A literal block (`|`, with chomping and indentation indicators): the lines below, deeper than `parent`. */
  private literal(header: string, parent: number): string {
    const m = /^\|(?:([1-9])([-+]?)|([-+])([1-9]?))?$/.exec(header);
    if (!m || parent < 0) fail();
    const chomp = m![2] || m![3] || "";
    const explicit = Number(m![1] || m![4] || 0);
    const { lines } = this;
    let n = this.i + 1;
    while (n < this.end && lines[n] === "") n++;
    if (n >= this.end) fail();
    const first = indentOf(lines[n]!);
    // the content's indentation: the indicator's, counted from the entry's column, or the first line's
    const indent = explicit ? parent + explicit : first;
    if (first < indent || indent <= parent || first === lines[n]!.length) fail();
    const body: string[] = [];
    for (let k = this.i + 1; k < n; k++) body.push("");
    for (; n < this.end; n++) {
      const line = lines[n]!;
      if (line === "") {
        body.push("");
        continue;
      }
      const ind = indentOf(line);
      if (ind === line.length) fail(); // spaces only: js-yaml's rules for them are subtle
      if (ind < indent) break;
      body.push(line.slice(indent));
    }
    this.i = n - 1; // the caller steps past the last line read
    let last = body.length - 1;
    while (body[last] === "") last--;
    const text = body.slice(0, last + 1).join("\n");
    if (chomp === "-") return text;
    return chomp === "" ? text + "\n" : text + "\n".repeat(body.length - last);
  }
}

/** Whether `line` has `-` at `col` followed by a space or its end. */
function isDash(line: string, col: number): boolean {
  return line.charCodeAt(col) === 45 && (line.length === col + 1 || line.charCodeAt(col + 1) === 32);
}

/** The index of the `:` ending a key that starts at `col` (plain or quoted), or -1 when the line holds no key there. */
function keyEnd(line: string, col: number): number {
  const c = line.charCodeAt(col);
  let j: number;
  if (c === 34 || c === 39) {
    j = closingQuote(line, col) + 1;
    if (j === 0 || line.charCodeAt(j) !== 58) return -1;
  } else {
    // a plain key ends at the first `: ` (or `:` ending the line); it may not start with an indicator
    j = line.indexOf(":", col);
    while (j >= 0 && j + 1 < line.length && line.charCodeAt(j + 1) !== 32) j = line.indexOf(":", j + 1);
    if (j <= col || INDICATOR.test(line[col]!) || line.charCodeAt(j - 1) === 32) return -1;
    const hash = line.indexOf(" #", col);
    if (hash >= 0 && hash < j) return -1;
  }
  return j + 1 === line.length || line.charCodeAt(j + 1) === 32 ? j : -1;
}

function closingQuote(line: string, start: number): number {
  const q = line.charCodeAt(start);
  for (let j = start + 1; j < line.length; j++) {
    const c = line.charCodeAt(j);
    if (q === 34 && c === 92) j++;
    else if (c === q) {
      if (q === 39 && line.charCodeAt(j + 1) === 39) j++;
      else return j;
    }
  }
  return -1;
}

// JSON's escapes are a subset of YAML's double-quoted ones and mean the same; any other text is left to js-yaml
function doubleQuoted(text: string): string {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === "string") return value;
  } catch {
    // not JSON: js-yaml reads it
  }
  return fail();
}

function singleQuoted(text: string): string {
  if (text.length < 2 || closingQuote(text, 0) !== text.length - 1) fail();
  return text.slice(1, -1).replaceAll("''", "'");
}
