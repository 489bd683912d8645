// Secret rules the secretlint preset lacks, for single values: JWTs, Google API keys, credentials in any URL
// (the preset's basic-auth rule skips short and common passwords), random-looking blobs in free text, and
// literals under secret-named keys. Tuned so host names, image tags, e-mails, label values, versions and
// digests pass.
import { SECRET_PLACEHOLDER_PREFIX } from "../tutor/pinned";

export interface ValueMatch {
  rule: string;
  start: number;
  end: number;
}

/** At most a short prefix and the length: `sk_l…(32 chars)`. Short values show less (a quarter at most). */
export function maskSecret(s: string): string {
  const shown = Math.min(4, Math.floor(s.length / 4));
  return `${s.slice(0, shown)}…(${s.length} chars)`;
}

// Each rule has a literal that any match contains, so a text without it skips the rule's regular expression.
const TOKEN_RULES: { rule: string; needle: string; pattern: RegExp }[] = [
  // header and payload are base64url JSON objects (`{"` encodes as `eyJ`); the signature may be empty (alg none)
  { rule: "JSON Web Token", needle: "eyJ", pattern: /eyJ[A-Za-z0-9_-]{6,}\.eyJ[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]*/g },
  { rule: "Google API key", needle: "AIza", pattern: /AIza[0-9A-Za-z_-]{35}/g },
  // the armour alone: a key pasted in part is still a key
  { rule: "private key block", needle: "PRIVATE KEY", pattern: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----/g },
];

/** `scheme://user:password@host`, any password length; placeholders and `${...}` references pass. */
function urlCredentials(text: string, out: ValueMatch[]): void {
  for (let at = text.indexOf("://"); at >= 0; at = text.indexOf("://", at + 3)) {
    let start = at;
    while (start > 0 && /[A-Za-z0-9+.-]/.test(text[start - 1]!)) start--;
    if (start === at) continue;
    const rest = text.slice(at + 3);
    const authority = /^[^/?#\s"'<>]*/.exec(rest)![0];
    const atSign = authority.lastIndexOf("@");
    if (atSign < 0) continue;
    const userinfo = authority.slice(0, atSign);
    const colon = userinfo.indexOf(":");
    if (colon < 0) continue;
    const password = userinfo.slice(colon + 1);
    if (password === "" || password.startsWith(SECRET_PLACEHOLDER_PREFIX) || /^\$\{[^}]*\}$|^\{\{.*\}\}$/.test(password)) continue;
    out.push({ rule: "credentials in a URL", start, end: at + 3 + atSign + 1 });
  }
}

// `user:password@host` without a scheme (an SMTP or proxy setting, a host name field): the user part starts the
// text or follows a separator, so `repo:tag@sha256:…` image references and `git@host:path` do not match;
// nor do URIs whose scheme takes an address (`mailto:a@b.example`).
const BARE_USERINFO = /(?:^|[\s"'(=,;<])((?!(?:mailto|sips?|xmpp|im|pres|tel|news|urn):)[A-Za-z0-9._%+-]+:(?![$]|\{\{)[^\s@/:"']+@)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;

function bareCredentials(text: string, out: ValueMatch[]): void {
  for (const m of text.matchAll(BARE_USERINFO)) {
    const start = m.index! + m[0].indexOf(m[1]!);
    out.push({ rule: "credentials before a host name", start, end: start + m[1]!.length });
  }
}

/** Bits per character: random tokens score above 3.5, words and names well below. */
export function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= (n / s.length) * Math.log2(n / s.length);
  return bits;
}

// Runs of base64 / base64url characters long enough to be a key.
const BLOB = /[A-Za-z0-9+/_=-]{24,}/g;
// camel-case words, capitals, numbers and punctuation: the pieces a name is made of
const PIECE = /[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+|[^A-Za-z0-9]+/g;

/**
 * A run that looks generated: mixed case and digits, high entropy, and made of short pieces. Random base64
 * switches between capitals, small letters and digits every one or two characters; names built of words
 * and numbers (`MyUniversityPortal2026`, `tenant-00017-Meilisearch-Key`) have pieces of four and more.
 * Hex digests and UUIDs have no capitals.
 */
export function randomBlob(run: string): boolean {
  const body = run.replace(/=+$/, "");
  if (body.length < 24 || !/[a-z]/.test(body) || !/[A-Z]/.test(body) || !/[0-9]/.test(body)) return false;
  const pieces = body.match(PIECE)!.length;
  return body.length / pieces < 3.2 && entropy(body) >= 3.8;
}

function blobs(text: string, out: ValueMatch[]): void {
  if (text.length < 24) return;
  for (const m of text.matchAll(BLOB)) {
    // a digest after its algorithm (`sha256:…`) is a content address, not a key
    if (/sha(1|256|384|512):$/i.test(text.slice(Math.max(0, m.index! - 7), m.index!))) continue;
    if (randomBlob(m[0])) out.push({ rule: "random-looking blob (a key or token?)", start: m.index!, end: m.index! + m[0].length });
  }
}

/** Every match of the rules above in `text`, in order. */
export function valueMatches(text: string): ValueMatch[] {
  // the shortest match of any rule (`a://b:c@`) has 8 characters; most strings of a tenant have fewer
  if (text.length < 8) return [];
  const out: ValueMatch[] = [];
  for (const { rule, needle, pattern } of TOKEN_RULES) {
    if (!text.includes(needle)) continue;
    for (const m of text.matchAll(pattern)) out.push({ rule, start: m.index!, end: m.index! + m[0].length });
  }
  if (text.includes("://")) urlCredentials(text, out);
  if (text.includes("@")) bareCredentials(text, out);
  blobs(text, out);
  return out.length > 1 ? out.sort((a, b) => a.start - b.start || b.end - a.end) : out;
}

/** Keys whose value is a secret when it is a literal. */
export const SECRET_KEY_NAME = /(password|passwd|secret|(secret|private|api|master|access|signing)_?key|token|http_?auth|credentials?)$/i;
const PASSWORD_KEY_NAME = /(password|passwd|pwd)$/i;

/** A literal that looks generated: long, mixed letters and digits, high entropy, not a placeholder or reference. */
export function looksRandom(value: string): boolean {
  if (value.startsWith(SECRET_PLACEHOLDER_PREFIX) || value.startsWith("$") || value.includes("{{")) return false;
  if (value.length < 16 || !/[A-Za-z]/.test(value) || !/[0-9]/.test(value)) return false;
  // SCREAMING_CASE identifiers name settings and variables
  if (/^[A-Z][A-Z0-9_]*$/.test(value)) return false;
  // names built of words and numbers (`tenant-00017-meilisearch-master-key`) refer to Secrets, they are none
  const parts = value.split(/[-_.]/);
  if (parts.length > 1 && parts.every((p) => /^([a-z]+|[0-9]+)$/i.test(p))) return false;
  return entropy(value) >= 3.5;
}

/**
 * A literal under a secret-named key in a tenant or platform file: any password, and random-looking values
 * under the other secret names (`existingSecret: "openedx-secrets"` names a Secret and passes).
 */
export function secretNamedValue(key: string, value: string): string | undefined {
  const kind = keyKind(key);
  if (kind === "plain" || value === "" || value.startsWith(SECRET_PLACEHOLDER_PREFIX) || /^\$\{[^}]*\}$/.test(value)) return undefined;
  if (kind === "password") return `a password under "${key}"`;
  return looksRandom(value) ? `random-looking value under the secret-named key "${key}"` : undefined;
}

// the same few property names recur in every tenant: each is classified once per run
const kinds = new Map<string, "password" | "secret" | "plain">();
function keyKind(key: string): "password" | "secret" | "plain" {
  let kind = kinds.get(key);
  if (kind === undefined) {
    kind = PASSWORD_KEY_NAME.test(key) ? "password" : SECRET_KEY_NAME.test(key) ? "secret" : "plain";
    if (kinds.size < 10_000) kinds.set(key, kind);
  }
  return kind;
}
