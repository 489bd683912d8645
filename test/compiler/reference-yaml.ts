// The YAML writer as it was before each line's break was written before it and frozen collections were kept
// (compiler/render/yaml.ts at 3c5c2e4, with the key order of its key-order.ts), unchanged, as the reference
// yaml-differential.test.ts compares the writer's bytes with.
const KUBE_KEY_ORDER = ["apiVersion", "kind", "metadata", "name", "namespace"];

const ranks = new Map<readonly string[], Map<string, number>>();
/** Position of each leading key; built once per list. */
function rankOf(leading: readonly string[]): Map<string, number> {
  let r = ranks.get(leading);
  if (!r) ranks.set(leading, (r = new Map(leading.map((k, i) => [k, i]))));
  return r;
}

/** The object's defined keys in canonical order. */
function orderedKeys(value: object, rank: Map<string, number>): string[] {
  const record = value as Record<string, unknown>;
  let keys = Object.keys(record);
  for (let i = 0; i < keys.length; i++) {
    if (record[keys[i]!] === undefined) {
      keys = keys.filter((x) => record[x] !== undefined);
      break;
    }
  }
  // most objects are built in order already: one comparison per key tells
  const n = keys.length;
  let i = 1;
  while (i < n && before(keys[i - 1]!, keys[i]!, rank)) i++;
  if (i >= n) return keys;
  if (n > 12) return keys.sort((a, b) => (before(a, b, rank) ? -1 : 1)); // large maps (the fleet index's files); keys are distinct
  // small objects: an insertion sort from the first key out of order (no comparator closure: tsx keeps
  // function names, which costs a property definition per closure)
  for (; i < n; i++) {
    const k = keys[i]!;
    let j = i;
    for (; j > 0 && before(k, keys[j - 1]!, rank); j--) keys[j] = keys[j - 1]!;
    keys[j] = k;
  }
  return keys;
}

/** `a` goes before `b`: leading keys in their order, then the others by code unit. */
function before(a: string, b: string, rank: Map<string, number>): boolean {
  const ra = rank.get(a) ?? Infinity;
  const rb = rank.get(b) ?? Infinity;
  return ra < rb || (ra === rb && a < b);
}

/**
 * Writes one or more documents, each preceded by `---` when there are several. Keys are written in canonical
 * order (`leading` first, then by code unit) and `undefined` members dropped, as `canonical` would give them,
 * but while writing: the documents are never copied.
 */
export function toYaml(docs: unknown, opts: { multi?: boolean; header?: string; leading?: readonly string[] } = {}): string {
  const list = opts.multi ? (docs as unknown[]) : [docs];
  rank = rankOf(opts.leading ?? KUBE_KEY_ORDER);
  out = opts.header ? opts.header.split("\n").map((l) => (l ? `# ${l}` : "#")).join("\n") + "\n" : "";
  for (const d of list) {
    if (opts.multi) out += "---\n";
    if (d === undefined) throw new Error("cannot write undefined");
    block(d, 0, false, undefined);
  }
  const result = out;
  out = "";
  // one flat string now, while its pieces are young: flattened later (when first hashed or compared), after a
  // collection kept them, a fleet's texts cost three times as much
  result.charCodeAt(0);
  return result;
}

// The text is appended to one string, which V8 keeps as a tree of its pieces until it is flattened (an array of
// pieces joined at the end measured a tenth slower). One document is written at a time.
let out = "";
let rank: Map<string, number> = new Map();

const pads: string[] = [];
const padOf = (n: number) => (pads[n] ??= " ".repeat(n));

// `key:` as written, by key: keys repeat across every object of a fleet (a dictionary object: its lookups by an
// internalised key are cheaper than a Map's)
let keyText: Record<string, string> = Object.create(null);
// and whole line starts, `<indentation>key:` and `<indentation>key: ` by indentation: each piece of text is one
// more string to allocate and collect
let lineStarts: Record<string, string>[] = [];
let keyCount = 0;
function keyOf(k: string): string {
  const t = keyText[k];
  if (t !== undefined) return t;
  if (++keyCount > 10_000) (keyText = Object.create(null)), (lineStarts = []), (keyCount = 1);
  return (keyText[k] = `${isPlainSafe(k) ? k : JSON.stringify(k)}:`);
}
/** `key:` (or `key: ` before a scalar) after `indent` spaces, or after nothing when `indent` is -1. */
function lineStart(k: string, indent: number, scalarFollows: boolean): string {
  const starts = (lineStarts[2 * indent + 2 + (scalarFollows ? 1 : 0)] ??= Object.create(null) as Record<string, string>);
  const t = starts[k];
  if (t !== undefined) return t;
  return (starts[k] = (indent < 0 ? "" : padOf(indent)) + keyOf(k) + (scalarFollows ? " " : ""));
}
// `<indentation>-` and `<indentation>- `, by indentation
const dashes: string[] = [];
const isCollection = (v: unknown): v is object => v !== null && typeof v === "object";

/** A collection or scalar on its own lines at `indent`; `continued`: its first line follows `- ` or `key:` already written. */
function block(value: unknown, indent: number, continued: boolean, known: readonly string[] | undefined): void {
  const pad = padOf(indent);
  if (Array.isArray(value)) {
    let first = true;
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      if (item === undefined) continue;
      const own = !(first && continued);
      first = false;
      if (isCollection(item)) {
        out += own ? (dashes[2 * indent] ??= pad + "-") : "-";
        inline(item, indent + 2, true);
      } else {
        out += own ? (dashes[2 * indent + 1] ??= pad + "- ") : "- ";
        out += scalar(item, indent + 2);
        out += "\n";
      }
    }
    if (first) out += continued ? "[]\n" : pad + "[]\n";
    return;
  }
  if (isCollection(value)) {
    const keys = known ?? orderedKeys(value, rank);
    if (keys.length === 0) return void (out += continued ? "{}\n" : pad + "{}\n");
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      const v = (value as Record<string, unknown>)[k];
      if (isCollection(v)) {
        out += lineStart(k, i === 0 && continued ? -1 : indent, false);
        inline(v, indent + 2, false);
      } else {
        out += lineStart(k, i === 0 && continued ? -1 : indent, true);
        out += scalar(v, indent + 2);
        out += "\n";
      }
    }
    return;
  }
  out += continued ? scalar(value, indent) + "\n" : pad + scalar(value, indent) + "\n";
}

/** The part after `key:` or `-`: a nested block on the same line (in a sequence) or on the next lines. */
function inline(value: object, indent: number, inSequence: boolean): void {
  // an object's keys are ordered once, here, and handed on
  let keys: readonly string[] | undefined;
  if (Array.isArray(value)) {
    let empty = true;
    for (let i = 0; i < value.length && empty; i++) empty = value[i] === undefined;
    if (empty) return void (out += " []\n");
  } else {
    keys = orderedKeys(value, rank);
    if (keys.length === 0) return void (out += " {}\n");
  }
  // sequences and maps in sequences start on the same line; under a key, on the next lines, indented
  out += inSequence ? " " : "\n";
  block(value, indent, inSequence, keys);
}

function scalar(value: unknown, indent: number): string {
  if (typeof value === "string") {
    return text(value, indent);
  }
  if (value === null) return "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`cannot write non-finite number ${value}`);
    return String(value);
  }
  throw new Error(`cannot write ${typeof value}`);
}

function literal(value: string, indent: number): string {
  const pad = " ".repeat(indent);
  const trailing = /\n+$/.exec(value)?.[0].length ?? 0;
  const chomp = trailing === 0 ? "-" : trailing === 1 ? "" : "+";
  // a reader takes the indentation from the first line with text: one starting with a space needs it stated
  const indicator = /^\n*[ ]/.test(value) ? "2" : "";
  const body = trailing > 1 ? value.slice(0, -1) : trailing === 1 ? value.slice(0, -1) : value;
  const lines = body.split("\n").map((l) => (l === "" ? "" : pad + l));
  return `|${indicator}${chomp}\n${lines.join("\n")}`;
}

/** A literal block can hold the string exactly: no control characters, no whitespace-only lines. */
function isLiteralSafe(s: string): boolean {
  if (s.trim() === "") return false; // line breaks only: "|" with no content reads back as ""
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b-\u001f\u007f\u0085\u2028\u2029\ufeff\t]/.test(s) || s.includes("\r")) return false;
  return !s.split("\n").some((l) => l !== "" && l.trim() === "");
}

// YAML 1.1 reads these as booleans or null (1.2 reads fewer; quoting them is harmless there).
const SPECIAL_WORDS = new Set(
  "y Y yes Yes YES n N no No NO true True TRUE false False FALSE on On ON off Off OFF null Null NULL ~ <<".split(" "),
);

// Strings that start with a letter or `_` and hold only printable ASCII without spaces (identifiers, names,
// hosts, URLs, `Key=value` lists) can be no number, date, indicator or comment, nor hold `: ` or ` #`: of the
// rules below only the special words and a trailing colon remain to rule out.
const CHAR_CLASS = new Uint8Array(128);
for (let c = 0x21; c < 0x7f; c++) CHAR_CLASS[c] = /[A-Za-z_]/.test(String.fromCharCode(c)) ? 2 : 1;

function isWordLike(s: string): boolean {
  const n = s.length;
  if (n === 0) return false;
  let c = s.charCodeAt(0);
  if (c >= 128 || CHAR_CLASS[c] !== 2) return false;
  for (let i = 1; i < n; i++) {
    c = s.charCodeAt(i);
    if (c >= 128 || CHAR_CLASS[c] === 0) return false;
  }
  return c !== 58; // ':'
}

/** Plain (unquoted) only when no YAML reader can take the string for anything but itself. */
function isPlainSafe(s: string): boolean {
  if (isWordLike(s)) return s.length > 5 || !SPECIAL_WORDS.has(s);
  return decidePlainSafe(s);
}

// The other short single-line strings repeat too ("*", "1h", "256Mi"…): each one's text is found once per run.
// Bounded in count and length, so a huge input cannot grow it without end.
const written = new Map<string, string>();
const MEMO_LENGTH = 200;

/** A string as written: plain, a literal block, or double-quoted. */
function text(s: string, indent: number): string {
  if (isWordLike(s) && (s.length > 5 || !SPECIAL_WORDS.has(s))) return s;
  let t = written.get(s);
  if (t !== undefined) return t;
  if (decidePlainSafe(s)) t = s; // never a multi-line string (a line break is a control character)
  else if (s.includes("\n")) return isLiteralSafe(s) ? literal(s, indent) : JSON.stringify(s);
  else t = JSON.stringify(s);
  if (s.length <= MEMO_LENGTH) {
    if (written.size >= 50_000) written.clear();
    written.set(s, t);
  }
  return t;
}

/** The full rules, for strings that are not word-like. */
function decidePlainSafe(s: string): boolean {
  if (s === "" || SPECIAL_WORDS.has(s)) return false;
  if (s !== s.trim()) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`=]/.test(s)) return false;
  if (/^[-+.]?[0-9]/.test(s) || /^[-+]?\.(inf|nan)$/i.test(s)) return false; // numbers, dates, versions, sexagesimals
  if (/^[-+]?\.[0-9_.]*$/.test(s)) return false; // ".", "-.", "._": floats to YAML 1.1's own pattern (not to PyYAML)
  if (s.includes(": ") || s.includes(" #") || s.endsWith(":")) return false;
  // only printable ASCII and non-ASCII letters; no control or line-break characters
  // eslint-disable-next-line no-control-regex
  return !/[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/.test(s);
}
