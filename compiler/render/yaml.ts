// A small YAML writer for plain data: deterministic, fast, and safe for YAML 1.1 readers (PyYAML, which
// Tutor uses) as well as 1.2 ones. Strings that a 1.1 reader would turn into booleans, numbers, nulls or
// dates are quoted; multi-line strings are written as literal blocks; lines are never folded.

import { KUBE_KEY_ORDER, orderedKeys, rankOf } from "./key-order";

export { canonical, DATA_KEY_ORDER, KUBE_KEY_ORDER, type Json } from "./key-order";

/**
 * Writes one or more documents, each preceded by `---` when there are several. Keys are written in canonical
 * order (`leading` first, then by code unit) and `undefined` members dropped, as `canonical` would give them,
 * but while writing: the documents are never copied.
 */
export function toYaml(docs: unknown, opts: { multi?: boolean; header?: string; leading?: readonly string[] } = {}): string {
  const list = opts.multi ? (docs as unknown[]) : [docs];
  const w = new Writer(rankOf(opts.leading ?? KUBE_KEY_ORDER));
  if (opts.header) w.out.push(opts.header.split("\n").map((l) => (l ? `# ${l}` : "#")).join("\n") + "\n");
  for (const d of list) {
    if (opts.multi) w.out.push("---\n");
    if (d === undefined) throw new Error("cannot write undefined");
    w.block(d, 0, false);
  }
  return w.out.join("");
}

const pads: string[] = [];
const padOf = (n: number) => (pads[n] ??= " ".repeat(n));

// `key:` as written, by key: keys repeat across every object of a fleet
const keyText = new Map<string, string>();
const keyOf = (k: string) => keyText.get(k) ?? (keyText.size > 10_000 && keyText.clear(), keyText.set(k, `${isPlainSafe(k) ? k : JSON.stringify(k)}:`), keyText.get(k)!);

/** Collects the pieces of the text and joins them once (appending to one string builds a costly chain). */
class Writer {
  readonly out: string[] = [];
  constructor(private readonly rank: Map<string, number>) {}

  keys(value: object): string[] {
    return orderedKeys(value, this.rank);
  }

  /** A collection or scalar on its own lines at `indent`; `continued`: its first line follows `- ` or `key:` already written. */
  block(value: unknown, indent: number, continued: boolean, known?: string[]): void {
    const pad = padOf(indent);
    if (Array.isArray(value)) {
      let first = true;
      for (const item of value) {
        if (item === undefined) continue;
        this.out.push(first && continued ? "-" : pad + "-");
        first = false;
        this.inline(item, indent + 2, true);
      }
      if (first) this.out.push(`${continued ? "" : pad}[]\n`);
      return;
    }
    if (value !== null && typeof value === "object") {
      const keys = known ?? this.keys(value);
      if (keys.length === 0) return void (this.out.push(`${continued ? "" : pad}{}\n`));
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i]!;
        this.out.push(i === 0 && continued ? keyOf(k) : pad + keyOf(k));
        this.inline((value as Record<string, unknown>)[k], indent + 2, false);
      }
      return;
    }
    this.out.push(`${continued ? "" : pad}${scalar(value, indent)}\n`);
  }

  /** The part after `key:` or `-`: a scalar on the same line, or a nested block on the next lines. */
  inline(value: unknown, indent: number, inSequence: boolean): void {
    if (value !== null && typeof value === "object") {
      // an object's keys are ordered once, here, and handed on
      const keys = Array.isArray(value) ? undefined : this.keys(value);
      const empty = keys ? keys.length === 0 : !(value as unknown[]).some((v) => v !== undefined);
      if (empty) return void (this.out.push(keys ? " {}\n" : " []\n"));
      // sequences and maps in sequences start on the same line; under a key, on the next lines, indented
      this.out.push(inSequence ? " " : "\n");
      this.block(value, indent, inSequence, keys);
      return;
    }
    this.out.push(` ${scalar(value, indent)}\n`);
  }
}

function scalar(value: unknown, indent: number): string {
  if (value === null) return "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`cannot write non-finite number ${value}`);
    return String(value);
  }
  if (typeof value !== "string") throw new Error(`cannot write ${typeof value}`);
  if (isPlainSafe(value)) return value;
  if (value.includes("\n") && isLiteralSafe(value)) return literal(value, indent);
  return JSON.stringify(value);
}

function literal(value: string, indent: number): string {
  const pad = " ".repeat(indent);
  const trailing = /\n+$/.exec(value)?.[0].length ?? 0;
  const chomp = trailing === 0 ? "-" : trailing === 1 ? "" : "+";
  const indicator = value.startsWith(" ") ? "2" : "";
  const body = trailing > 1 ? value.slice(0, -1) : trailing === 1 ? value.slice(0, -1) : value;
  const lines = body.split("\n").map((l) => (l === "" ? "" : pad + l));
  return `|${indicator}${chomp}\n${lines.join("\n")}`;
}

/** A literal block can hold the string exactly: no control characters, no whitespace-only lines. */
function isLiteralSafe(s: string): boolean {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b-\u001f\u007f\u0085\u2028\u2029\ufeff\t]/.test(s) || s.includes("\r")) return false;
  return !s.split("\n").some((l) => l !== "" && l.trim() === "");
}

// YAML 1.1 reads these as booleans or null (1.2 reads fewer; quoting them is harmless there).
const SPECIAL_WORDS = new Set(
  "y Y yes Yes YES n N no No NO true True TRUE false False FALSE on On ON off Off OFF null Null NULL ~ <<".split(" "),
);

// Most keys and values are identifiers, names and hosts: starting with a letter, they can be no number,
// date or indicator, so only the special words remain to rule out (checked first in the full test too).
const SIMPLE = /^[A-Za-z_][A-Za-z0-9_./-]*$/;

/** Plain (unquoted) only when no YAML reader can take the string for anything but itself. */
function isPlainSafe(s: string): boolean {
  if (SIMPLE.test(s)) return !SPECIAL_WORDS.has(s);
  return decidePlainSafe(s);
}

function decidePlainSafe(s: string): boolean {
  if (s === "" || SPECIAL_WORDS.has(s)) return false;
  if (s !== s.trim()) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`=]/.test(s)) return false;
  if (/^[-+.]?[0-9]/.test(s) || /^[-+]?\.(inf|nan)$/i.test(s)) return false; // numbers, dates, versions, sexagesimals
  if (s.includes(": ") || s.includes(" #") || s.endsWith(":")) return false;
  // only printable ASCII and non-ASCII letters; no control or line-break characters
  // eslint-disable-next-line no-control-regex
  return !/[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/.test(s);
}
