// Secret detection in tenant and platform files: every string value (and every key) as the static reader
// read it, checked with secretlint's recommended preset and the rules it lacks (value-rules.ts), each finding
// located at the value's own line and column. A value is never printed: only a short prefix and its length.
import { error, formatPath, type Diagnostic, type Location } from "../diagnostics";
import type { Locator, ValuePath } from "../source/locator";
import { presetFindings } from "./secretlint";
import { maskSecret, secretNamedValue, valueMatches } from "./value-rules";
import { lastAtOrBefore } from "../sorted-search";

export const SECRET_IN_SOURCE = "secret-in-source";
const MIN_TOKEN = 8;
export const SECRET_HINT = "secrets are generated and held in the cluster; remove it (and rotate it: it is now in git history)";

/** A node of the walk: its parent and its key, so a path is built only for the strings that hold a secret. */
interface Step {
  parent?: Step;
  key: PropertyKey;
}
const pathOf = (s: Step | undefined): ValuePath => (s ? [...pathOf(s.parent), s.key] : []);
/** The step of a value under `parent` at `slot` (none: the root). Made only for what needs one: most strings do not. */
const stepOf = (parent: Step | undefined, slot: PropertyKey | undefined): Step | undefined => (slot === undefined ? parent : { parent, key: slot });

type Visit = (text: string, parent: Step | undefined, slot: PropertyKey | undefined, key: string, isKey: boolean) => void;

/**
 * Calls `visit` for every string of `value`: each value with its nearest property name, and each property name;
 * each with the step of its container and its key or index there (`slot`, none for the root).
 */
function walk(value: unknown, parent: Step | undefined, slot: PropertyKey | undefined, key: string, visit: Visit, seen: Set<object>): void {
  if (typeof value === "string") return visit(value, parent, slot, key, false);
  if (value === null || typeof value !== "object" || seen.has(value)) return;
  seen.add(value);
  const at = stepOf(parent, slot);
  if (Array.isArray(value)) for (let i = 0; i < value.length; i++) walk(value[i], at, i, key, visit, seen);
  else
    for (const k of Object.keys(value)) {
      visit(k, at, k, k, true);
      walk((value as Record<string, unknown>)[k], at, k, k, visit, seen);
    }
  seen.delete(value);
}

export interface SourceSecret {
  path: ValuePath;
  isKey: boolean;
  rule: string;
  /** The flagged text itself, only to mask it wherever another message would echo it. Never printed. */
  secret: string;
}

/**
 * Every string of each value that holds a secret, one finding per string (the first rule that matched). The
 * preset runs once over all values, as one text of `key: value` lines (so rules that need the key, such as
 * AWS secret keys, see it): its cost is mostly per call, so a thousand tenants cost about what one does.
 */
export function findSourceSecrets(values: readonly unknown[]): SourceSecret[][] {
  const results: SourceSecret[][] = values.map(() => []);
  // every string once, in order: where it starts in `content`, and what it is
  const offsets: number[] = [];
  const strings: { text: string; at: Step | undefined; isKey: boolean; owner: number }[] = [];
  const flagged = new Set<number>();
  // the own rules' hits, applied after the preset's (a finding names the preset's rule when both match)
  const own: [i: number, rule: string, start?: number, end?: number][] = [];
  const add = (i: number, rule: string, start = 0, end = strings[i]!.text.length) => {
    if (flagged.has(i)) return;
    flagged.add(i);
    const s = strings[i]!;
    results[s.owner]!.push({ path: pathOf(s.at), isKey: s.isKey, rule, secret: s.text.slice(start, end) });
  };
  let content = "";
  values.forEach((value, owner) =>
    walk(value, undefined, undefined, "value", (text, parent, slot, key, isKey) => {
      const named = isKey ? undefined : secretNamedValue(key, text);
      // no token rule matches fewer than 8 characters (`a://b:c@`), and most names and values are that short
      if (text.length < MIN_TOKEN && !named) return;
      const i = strings.push({ text, at: stepOf(parent, slot), isKey, owner }) - 1;
      const prefix = isKey ? "" : `${key}: `;
      offsets.push(content.length + prefix.length);
      content += `${prefix}${text}\n`;
      const [m] = valueMatches(text);
      if (m) own.push([i, m.rule, m.start, m.end]);
      if (named) own.push([i, named]);
    }, new Set()),
  );
  for (const f of strings.length > 0 ? presetFindings(content) : []) {
    const i = stringAt(offsets, strings, f.start, f.end);
    const start = f.start - offsets[i]!;
    const end = f.end - offsets[i]!;
    // a range inside the string masks the matched part; one that reaches into the key masks the whole string
    if (start >= 0 && end <= strings[i]!.text.length) add(i, `secretlint ${f.rule}`, start, end);
    else add(i, `secretlint ${f.rule}`);
  }
  for (const [i, rule, start, end] of own) add(i, rule, start, end);
  return results;
}

/** The string a range of the joined content belongs to (the last one starting at or before it that it reaches). */
function stringAt(offsets: readonly number[], strings: readonly { text: string }[], start: number, end: number): number {
  const lo = lastAtOrBefore(offsets, start);
  // the preset's range may start in the `key: ` prefix of the line (its AWS rule does)
  if (start >= offsets[lo]! + strings[lo]!.text.length && lo + 1 < offsets.length && offsets[lo + 1]! < end) return lo + 1;
  return lo;
}

/** `secret-in-source` errors at each finding's own location. */
function locatedErrors(findings: readonly SourceSecret[], locator: Locator): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const f of findings) {
    const at: Location = f.isKey ? locator.key(f.path) : locator.value(f.path);
    const what = f.isKey ? "a property name" : "a value";
    const message = `${what} holds a secret: ${f.rule} (${maskSecret(f.secret)})`;
    // a const used in several places is one finding at one place
    const key = `${at.file}:${at.line}:${at.col}:${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    // a property name that is a secret is left out of the path (the message masks it)
    out.push(error(SECRET_IN_SOURCE, at, message, { path: f.isKey ? undefined : formatPath(f.path) || undefined, hint: SECRET_HINT }));
  }
  return out;
}

/** One file as read: its value and locator, and (to scan its comments too) its path and text. */
export interface ReadSource {
  value: unknown;
  locator: Locator;
  file?: string;
  text?: string;
}

/** The secret-in-source errors of each file read, and the flagged strings (to mask them in other messages). */
export function scanSources(sources: readonly ReadSource[]): { diagnostics: Diagnostic[]; secrets: string[] } {
  const found = findSourceSecrets(sources.map((s) => s.value));
  const diagnostics = found.flatMap((list, i) => locatedErrors(list, sources[i]!.locator));
  const texts: SourceText[] = sources.flatMap((s) =>
    s.file !== undefined && s.text !== undefined ? [{ file: s.file, text: s.text, reported: new Set(diagnostics.filter((d) => d.file === s.file).map((d) => d.line)) }] : [],
  );
  return { diagnostics: [...diagnostics, ...commentSecrets(texts)], secrets: found.flat().map((f) => f.secret) };
}

/** A file's text, to find secrets outside its values: in comments, which the reader never returns. */
export interface SourceText {
  file: string;
  text: string;
  /** Lines (1-based) where a value finding already reports a secret. */
  reported: ReadonlySet<number>;
}

// The lines of a TypeScript text that may hold a comment: those with a line comment, and from a block
// comment's opening to its close. Over-inclusive (a `//` in a URL counts): a comment is never missed.
function commentLines(text: string): [line: number, content: string][] {
  const out: [number, string][] = [];
  let inBlock = false;
  text.split("\n").forEach((l, i) => {
    const opens = l.includes("/*");
    if (inBlock || opens || l.includes("//")) out.push([i + 1, l]);
    if (opens) inBlock = true;
    if (inBlock && l.lastIndexOf("*/") > l.lastIndexOf("/*")) inBlock = false;
  });
  return out;
}

/**
 * Token formats (the preset's and ours, not the key-dependent rules) in the files' comments, on lines no value
 * finding reports: a token pasted into a comment is in git all the same. One preset pass for all files.
 */
export function commentSecrets(texts: readonly SourceText[]): Diagnostic[] {
  const lines: { file: string; line: number; start: number; length: number }[] = [];
  let content = "";
  for (const t of texts) {
    for (const [line, l] of commentLines(t.text)) {
      if (t.reported.has(line)) continue;
      lines.push({ file: t.file, line, start: content.length, length: l.length });
      content += `${l}\n`;
    }
  }
  if (content === "") return [];
  const matches = [...presetFindings(content).map((f) => ({ ...f, rule: `secretlint ${f.rule}` })), ...valueMatches(content)];
  const out = new Map<string, Diagnostic>();
  for (const m of matches.sort((a, b) => a.start - b.start)) {
    let i = lines.length - 1;
    while (lines[i]!.start > m.start) i--;
    const l = lines[i]!;
    if (out.has(`${l.file}:${l.line}`)) continue;
    const secret = content.slice(m.start, Math.min(m.end, l.start + l.length));
    const at = { file: l.file, line: l.line, col: m.start - l.start + 1 };
    out.set(`${l.file}:${l.line}`, error(SECRET_IN_SOURCE, at, `the file holds a secret outside its values (a comment?): ${m.rule} (${maskSecret(secret)})`, { hint: SECRET_HINT }));
  }
  return [...out.values()];
}
