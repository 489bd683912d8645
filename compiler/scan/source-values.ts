// Secret detection in tenant and platform files: every string value (and every key) as the static reader
// read it, checked with secretlint's recommended preset and the rules it lacks (value-rules.ts), each finding
// located at the value's own line and column. A value is never printed: only a short prefix and its length.
import { error, formatPath, type Diagnostic, type Location } from "../diagnostics";
import type { Locator, ValuePath } from "../source/locator";
import { presetFindings } from "./secretlint";
import { maskSecret, secretNamedValue, valueMatches } from "./value-rules";

export const SECRET_IN_SOURCE = "secret-in-source";
const HINT = "secrets are generated and held in the cluster; remove it (and rotate it: it is now in git history)";

/** One string of the file: a value, or a property name (label keys hold text too). */
interface Text {
  path: ValuePath;
  text: string;
  isKey: boolean;
  /** Where `text` starts inside the joined content the preset scans. */
  offset: number;
}

function collect(value: unknown, path: ValuePath, out: Text[], seen: Set<object>): void {
  if (typeof value === "string") out.push({ path, text: value, isKey: false, offset: 0 });
  else if (value !== null && typeof value === "object" && !seen.has(value)) {
    seen.add(value);
    if (Array.isArray(value)) value.forEach((v, i) => collect(v, [...path, i], out, seen));
    else
      for (const [k, v] of Object.entries(value)) {
        out.push({ path: [...path, k], text: k, isKey: true, offset: 0 });
        collect(v, [...path, k], out, seen);
      }
    seen.delete(value);
  }
}

/** The nearest property name above a value: the key its secret-named rules and the preset's context see. */
const keyOf = (path: ValuePath) => String([...path].reverse().find((p) => typeof p === "string") ?? "value");

export interface SourceSecret {
  path: ValuePath;
  isKey: boolean;
  rule: string;
  /** The flagged text itself, only to mask it wherever another message would echo it. Never printed. */
  secret: string;
}

/**
 * Every string of each value that holds a secret, one finding per string (the first rule that matched). The
 * preset runs once over all values (one text of `key: value` lines, so rules that need the key, such as AWS
 * secret keys, see it): its cost is mostly per call, so a thousand tenants cost about what one does.
 */
export function findSourceSecrets(values: readonly unknown[]): SourceSecret[][] {
  const texts = values.map((v) => {
    const out: Text[] = [];
    collect(v, [], out, new Set());
    return out;
  });
  const all = texts.flat();
  const found = new Map<Text, SourceSecret>();
  const add = (t: Text, rule: string, start = 0, end = t.text.length) => {
    if (!found.has(t)) found.set(t, { path: t.path, isKey: t.isKey, rule, secret: t.text.slice(start, end) });
  };
  let content = "";
  for (const t of all) {
    const prefix = t.isKey ? "" : `${keyOf(t.path)}: `;
    t.offset = content.length + prefix.length;
    content += `${prefix}${t.text}\n`;
  }
  for (const f of all.length > 0 ? presetFindings(content) : []) {
    const t = textAt(all, f.start, f.end);
    const start = f.start - t.offset;
    const end = f.end - t.offset;
    // a range inside the string masks the matched part; one that reaches into the key masks the whole string
    if (start >= 0 && end <= t.text.length) add(t, `secretlint ${f.rule}`, start, end);
    else add(t, `secretlint ${f.rule}`);
  }
  for (const t of all) {
    const [m] = valueMatches(t.text);
    if (m) add(t, m.rule, m.start, m.end);
    const named = t.isKey ? undefined : secretNamedValue(keyOf(t.path), t.text);
    if (named) add(t, named);
  }
  return texts.map((list) => list.flatMap((t) => found.get(t) ?? []));
}

/** The text a range of the joined content belongs to (the last one starting at or before it that it reaches). */
function textAt(texts: readonly Text[], start: number, end: number): Text {
  let lo = 0;
  let hi = texts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (texts[mid]!.offset <= start) lo = mid;
    else hi = mid - 1;
  }
  const t = texts[lo]!;
  // the preset's range may start in the `key: ` prefix of the line (its AWS rule does)
  if (start >= t.offset + t.text.length && lo + 1 < texts.length && texts[lo + 1]!.offset < end) return texts[lo + 1]!;
  return t;
}

/** `secret-in-source` errors at each finding's own location. */
export function secretDiagnostics(findings: readonly SourceSecret[], locator: Locator): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const f of findings) {
    const at: Location = f.isKey ? locator.key(f.path) : locator.value(f.path);
    const path = f.isKey ? formatPath(f.path.slice(0, -1)) : formatPath(f.path);
    const what = f.isKey ? "a property name" : "a value";
    const message = `${what} holds a secret: ${f.rule} (${maskSecret(f.secret)})`;
    // a const used in several places is one finding at one place
    const key = `${at.file}:${at.line}:${at.col}:${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(error(SECRET_IN_SOURCE, at, message, { path: f.isKey ? undefined : path || undefined, hint: HINT }));
  }
  return out;
}

/** The secret-in-source errors of each file read, and the flagged strings (to mask them in other messages). */
export function scanSources(sources: readonly { value: unknown; locator: Locator }[]): { diagnostics: Diagnostic[]; secrets: string[] } {
  const found = findSourceSecrets(sources.map((s) => s.value));
  return {
    diagnostics: found.flatMap((list, i) => secretDiagnostics(list, sources[i]!.locator)),
    secrets: found.flat().map((f) => f.secret),
  };
}
