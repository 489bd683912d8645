// The output secret scan as it was before it was made faster (commit 91654a8), kept unchanged as the reference
// the differential test (secrets-differential.test.ts) compares the compiler's scan with.
import type { SecretFinding } from "../../compiler/scan/secrets";
import { SECRET_PLACEHOLDER_PREFIX } from "../../compiler/tutor/pinned";
import { looksRandom, maskSecret, SECRET_KEY_NAME } from "../../compiler/scan/value-rules";

// Each rule has a literal that any match contains, so a text without it skips the rule's regular expression.
// The cloud and SaaS token formats are checked where tenant and platform values are read (source-values.ts):
// each rule here is one more pass over every generated file.
const TOKEN_RULES: { rule: string; needles: string[]; pattern: RegExp }[] = [
  { rule: "private key block", needles: ["PRIVATE KEY"], pattern: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----/g },
  { rule: "AWS access key id", needles: ["AKIA", "ASIA"], pattern: /\b(AKIA|ASIA)[0-9A-Z]{16}\b/g },
  { rule: "GitHub token", needles: ["gh", "github_pat_"], pattern: /\b(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})\b/g },
  { rule: "Slack token", needles: ["xox"], pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/g },
  { rule: "private JWK member", needles: ["d", "p", "q"], pattern: /["'](d|p|q|dp|dq|qi)["']\s*:\s*["'][A-Za-z0-9_-]{40,}["']/g },
];

// `scheme://user:password@`: found from each "://", the costly scan of a leading word boundary avoided.
const URL_CREDENTIALS = "credentials in a URL";
const SCHEME_CHAR = /[a-z0-9+.-]/;
const USER_PASSWORD = /[^\s:/@"']+:(?!from-cluster-secret)[^\s@/"'$]+@/y;

function urlCredentials(text: string, found: (offset: number, match: string) => void): void {
  for (let at = text.indexOf("://"); at >= 0; at = text.indexOf("://", at + 3)) {
    let first = at;
    while (first > 0 && SCHEME_CHAR.test(text[first - 1]!)) first--;
    // the scheme starts with a letter at a word boundary: the leftmost such position
    let start = first;
    while (start < at && !(/[a-z]/.test(text[start]!) && (start === 0 || !/\w/.test(text[start - 1]!)))) start++;
    if (start === at) continue;
    USER_PASSWORD.lastIndex = at + 3;
    const m = USER_PASSWORD.exec(text);
    if (m) found(start, text.slice(start, at + 3) + m[0]);
  }
}

// `key: value`, `"key": "value"`, `KEY = "value"`, `KEY=value`
const ASSIGNMENT = /["']?([A-Za-z_][A-Za-z0-9_.-]*)["']?\s*(?::|=)\s*["']?([^\s"',;}\]]+)/g;

const PLACEHOLDER = new RegExp(`${SECRET_PLACEHOLDER_PREFIX}[A-Z0-9_]+`, "g");
const found = (line: number, rule: string, secret: string): SecretFinding => ({ line, rule, masked: maskSecret(secret), secret });

/** Line numbers (1-based) of character offsets, from one list of line starts built on first use. */
function lineFinder(text: string): (offset: number) => number {
  let starts: number[] | undefined;
  return (offset) => {
    if (!starts) {
      starts = [0];
      for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

// Words a secret-named key contains: only lines holding one get the costlier assignment pass.
const SECRET_WORD = /pass|secret|key|token|auth|credential/gi;

// Lines found clean, which repeat across a fleet's files (`key: OPENEDX_MYSQL_PASSWORD`, `secretKeyRef:`…):
// each is checked once per run. Bounded, so a huge input cannot grow it without end.
const cleanLines = new Set<string>();
const remember = (line: string) => {
  if (cleanLines.size >= 100_000) cleanLines.clear();
  cleanLines.add(line);
};

export function referenceFindSecrets(text: string): SecretFinding[] {
  const findings: SecretFinding[] = [];
  const lineAt = lineFinder(text);
  // token formats: one pass over the whole text each, line numbers only for matches
  for (const { rule, needles, pattern } of TOKEN_RULES) {
    if (!needles.some((n) => text.includes(n))) continue;
    pattern.lastIndex = 0;
    for (const m of text.matchAll(pattern)) findings.push(found(lineAt(m.index!), rule, m[0]));
  }
  urlCredentials(text, (offset, match) => findings.push(found(lineAt(offset), URL_CREDENTIALS, match)));
  // each line holding a secret word, once
  SECRET_WORD.lastIndex = 0;
  for (let m = SECRET_WORD.exec(text); m; m = SECRET_WORD.exec(text)) {
    const start = text.lastIndexOf("\n", m.index) + 1;
    const nl = text.indexOf("\n", m.index);
    const end = nl < 0 ? text.length : nl;
    SECRET_WORD.lastIndex = end;
    const line = text.slice(start, end);
    if (cleanLines.has(line)) continue;
    let clean = true;
    // a placeholder is no value, and its own colon is no assignment
    for (const a of line.replace(PLACEHOLDER, "placeholder").matchAll(ASSIGNMENT)) {
      const [, key, value] = a as unknown as [string, string, string];
      if (!SECRET_KEY_NAME.test(key) || !looksRandom(value)) continue;
      clean = false;
      findings.push(found(lineAt(start), `random-looking value under the secret-named key "${key}"`, value));
    }
    if (clean) remember(line);
  }
  return findings.sort((a, b) => a.line - b.line);
}
