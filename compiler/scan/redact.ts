// Masks secrets inside any text a message is made of: the values a secret scan flagged in this run, and
// anything the secret rules flag in the text itself. The last guard before a diagnostic is printed, for
// messages that echo a tenant's string (a schema error quoting a bad host name that holds a password).
import { presetFindings } from "./secretlint";
import { maskSecret, valueMatches } from "./value-rules";

// What every match of the preset holds: a run of 16+ token characters with a capital, digit, `_`, `+` or `=`
// (not a name or a path), credentials after a scheme, or key armour. A message without one (most warnings quote
// a host or a plain URL) is not given to the preset, which is then not loaded.
const RUN = /[A-Za-z0-9_+/=-]{16,}/g;
function presetWorthy(text: string): boolean {
  if (text.includes("PRIVATE KEY") || /:\/\/[^\s/@]*@/.test(text)) return true;
  for (const m of text.matchAll(RUN)) if (/[A-Z0-9_+=]/.test(m[0])) return true;
  return false;
}
// shorter known values would mask ordinary words
const MIN_KNOWN = 4;

/** `text` with every secret-looking part replaced by its mask (`sk_l…(32 chars)`). */
export function maskSecretsIn(text: string, known: readonly string[] = []): string {
  let out = text;
  for (const secret of [...known].sort((a, b) => b.length - a.length)) {
    if (secret.length >= MIN_KNOWN && out.includes(secret)) out = out.split(secret).join(maskSecret(secret));
  }
  const ranges = [...valueMatches(out), ...(presetWorthy(out) ? presetFindings(out) : [])].sort((a, b) => a.start - b.start);
  if (ranges.length === 0) return out;
  let masked = "";
  let at = 0;
  for (const r of ranges) {
    if (r.end <= at) continue;
    const start = Math.max(r.start, at);
    masked += out.slice(at, start) + maskSecret(out.slice(start, r.end));
    at = r.end;
  }
  return masked + out.slice(at);
}

/** A diagnostic whose message, path and hint quote no secret. */
export function maskDiagnostic<D extends { message: string; path?: string; hint?: string }>(d: D, known: readonly string[] = []): D {
  const mask = (s: string) => maskSecretsIn(s, known);
  const masked = { ...d, message: mask(d.message) };
  if (d.path !== undefined) masked.path = mask(d.path);
  if (d.hint !== undefined) masked.hint = mask(d.hint);
  return masked;
}
