// Finds values that look like secrets in text we write (generated/, rendered manifests). Precise rules, so a
// finding is worth stopping for: key material by its armour, tokens by their documented formats, and random-
// looking values under secret-named keys. Placeholders (`from-cluster-secret:KEY`) and references pass.
import { SECRET_PLACEHOLDER_PREFIX } from "../tutor/pinned";

export interface SecretFinding {
  line: number;
  rule: string;
  /** Only the first characters: a finding never prints the secret itself. */
  masked: string;
}

const TOKEN_RULES: { rule: string; pattern: RegExp }[] = [
  { rule: "private key block", pattern: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----/ },
  { rule: "AWS access key id", pattern: /\b(AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { rule: "GitHub token", pattern: /\b(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})\b/ },
  { rule: "Slack token", pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/ },
  { rule: "private JWK member", pattern: /["'](d|p|q|dp|dq|qi)["']\s*:\s*["'][A-Za-z0-9_-]{40,}["']/ },
  { rule: "credentials in a URL", pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@"']+:(?!from-cluster-secret)[^\s@/"'$]{6,}@/ },
];

/** Keys whose value is a secret when it is a literal. */
const SECRET_KEY_NAME = /(password|passwd|secret|(secret|private|api|master|access|signing)_?key|token|http_auth|credentials?)$/i;
// `key: value`, `"key": "value"`, `KEY = "value"`, `KEY=value`
const ASSIGNMENT = /["']?([A-Za-z_][A-Za-z0-9_.-]*)["']?\s*(?::|=)\s*["']?([^\s"',;}\]]+)/g;

/** Bits per character: random tokens score above 3.5, words and names well below. */
function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= (n / s.length) * Math.log2(n / s.length);
  return bits;
}

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

const PLACEHOLDER = new RegExp(`${SECRET_PLACEHOLDER_PREFIX}[A-Z0-9_]+`, "g");
const mask = (s: string) => `${s.slice(0, 4)}…(${s.length} chars)`;

/** Line number (1-based) of a character offset. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

// Lines that could hold a secret-named assignment; the others skip the costlier assignment pass.
const SECRET_WORD = /pass|secret|key|token|auth|credential/i;

export function findSecrets(text: string): SecretFinding[] {
  const findings: SecretFinding[] = [];
  // token formats: one pass over the whole text each, line numbers only for matches
  for (const { rule, pattern } of TOKEN_RULES) {
    for (const m of text.matchAll(new RegExp(pattern.source, "g"))) findings.push({ line: lineAt(text, m.index!), rule, masked: mask(m[0]) });
  }
  text.split("\n").forEach((content, i) => {
    if (!SECRET_WORD.test(content)) return;
    // a placeholder is no value, and its own colon is no assignment
    for (const m of content.replace(PLACEHOLDER, "placeholder").matchAll(ASSIGNMENT)) {
      const [, key, value] = m as unknown as [string, string, string];
      if (!SECRET_KEY_NAME.test(key) || !looksRandom(value)) continue;
      findings.push({ line: i + 1, rule: `random-looking value under the secret-named key "${key}"`, masked: mask(value) });
    }
  });
  return findings.sort((a, b) => a.line - b.line);
}

export const describeFinding = (f: SecretFinding, file = "") => `${file}${file ? ":" : "line "}${f.line}: ${f.rule} (${f.masked})`;
