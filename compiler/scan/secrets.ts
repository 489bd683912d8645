// Finds values that look like secrets in text we write (generated/, rendered manifests). Precise rules, so a
// finding is worth stopping for: key material by its armour, tokens by their documented formats, and random-
// looking values under secret-named keys. Placeholders (`from-cluster-secret:KEY`) and references pass.
import { SECRET_PLACEHOLDER_PREFIX } from "../tutor/pinned";
import { looksRandom, maskSecret, SECRET_KEY_NAME } from "./value-rules";
import { lastAtOrBefore } from "../sorted-search";

export interface SecretFinding {
  line: number;
  rule: string;
  /** Only the first characters: a finding never prints the secret itself. */
  masked: string;
  /** The matched text, only to find the source value it came from. Never printed. */
  secret: string;
}

// Each rule has a test that any text it matches passes, so a text without it skips the rule's regular expression:
// short literals (a native search each; literals of 7 characters and more are searched several times slower).
// The cloud and SaaS token formats are checked where tenant and platform values are read (source-values.ts):
// each rule here is one more pass over every generated file.
const TOKEN_RULES: { rule: string; may: (text: string, jwkNamed: boolean) => boolean; pattern: RegExp }[] = [
  { rule: "private key block", may: (t) => t.includes("E KEY"), pattern: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----/g },
  { rule: "AWS access key id", may: (t) => t.includes("AKIA") || t.includes("ASIA"), pattern: /\b(AKIA|ASIA)[0-9A-Z]{16}\b/g },
  { rule: "GitHub token", may: (t) => t.includes("_pat_") || hasGitHubPrefix(t), pattern: /\b(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})\b/g },
  { rule: "Slack token", may: (t) => t.includes("xox"), pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/g },
  // (its member name before a `:` is found by the secret-named keys' pass, secretKeyLines)
  { rule: "private JWK member", may: (_, jwkNamed) => jwkNamed, pattern: /["'](d|p|q|dp|dq|qi)["']\s*:\s*["'][A-Za-z0-9_-]{40,}["']/g },
];

/** `gh[pousr]_` somewhere: "gh" alone is common (`ghcr.io`, `high`), and the rule's expression costlier. */
function hasGitHubPrefix(text: string): boolean {
  for (let at = text.indexOf("gh"); at >= 0; at = text.indexOf("gh", at + 2)) {
    if (text.charCodeAt(at + 3) === 95 /* _ */ && "pousr".includes(text[at + 2]!)) return true;
  }
  return false;
}

// `scheme://user:password@`: found from each "://" (whose colons the secret-named keys' pass lists), the costly
// scan of a leading word boundary avoided.
const URL_CREDENTIALS = "credentials in a URL";
const USER_PASSWORD = /[^\s:/@"']+:(?!from-cluster-secret)[^\s@/"'$]+@/y;
// by character code: [a-z], [a-z0-9+.-] (a scheme's characters) and \w
const isLower = (c: number) => c >= 97 && c <= 122;
const isSchemeChar = (c: number) => isLower(c) || (c >= 48 && c <= 57) || c === 43 || c === 46 || c === 45;
const isWordChar = (c: number) => isLower(c) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;

function urlCredentials(text: string, schemeEnds: readonly number[], found: (offset: number, match: string) => void): void {
  for (const at of schemeEnds) {
    // credentials first: most URLs have none, and then need no scheme
    USER_PASSWORD.lastIndex = at + 3;
    const m = USER_PASSWORD.exec(text);
    if (!m) continue;
    let first = at;
    while (first > 0 && isSchemeChar(text.charCodeAt(first - 1))) first--;
    // the scheme starts with a letter at a word boundary: the leftmost such position
    let start = first;
    while (start < at && !(isLower(text.charCodeAt(start)) && (start === 0 || !isWordChar(text.charCodeAt(start - 1))))) start++;
    if (start === at) continue;
    found(start, text.slice(start, at + 3) + m[0]);
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
    return lastAtOrBefore(starts, offset) + 1;
  };
}

// A finding under a secret-named key needs a key that ends in one of these words (SECRET_KEY_NAME) right before
// its `:` or `=` (ASSIGNMENT): only lines holding that get the costlier assignment pass (a tenth of the lines
// that hold a secret word anywhere, as `secretKeyRef:` does). The test is made from each `:` and `=` backwards,
// as /(?:pass(?:word|wd)|secret|key|token|auth|credentials?)["']?[^\S\n]*[:=]/gi matches (ASCII letters in
// either case, a line's own spaces): a regular expression tried at every position cost twice as much.
/** The `:` or `=` at `at` ends a secret-named key: the word, an optional quote, spaces. */
function endsSecretKey(text: string, at: number): boolean {
  let end = at - 1;
  let c = text.charCodeAt(end);
  while (isLineSpace(c)) c = text.charCodeAt(--end);
  if (c === 34 || c === 39) c = text.charCodeAt(--end); // " or '
  // by the last letter, either case
  switch (c | 0x20) {
    case 100: // d
      return endsWith(text, end, "password") || endsWith(text, end, "passwd");
    case 116: // t
      return endsWith(text, end, "secret");
    case 121: // y
      return endsWith(text, end, "key");
    case 110: // n
      return endsWith(text, end, "token");
    case 104: // h
      return endsWith(text, end, "auth");
    case 108: // l
      return endsWith(text, end, "credential");
    case 115: // s
      return endsWith(text, end, "credentials");
    default:
      return false;
  }
}

/** `word` (lower case ASCII) ends at `end`, in either case: `c | 0x20` is a lower case letter only for it and its capital. */
function endsWith(text: string, end: number, word: string): boolean {
  const from = end - word.length + 1;
  if (from < 0) return false;
  for (let i = word.length - 2; i >= 0; i--) if ((text.charCodeAt(from + i) | 0x20) !== word.charCodeAt(i)) return false;
  return true;
}

/** \s but \n, as JavaScript's regular expressions read it. */
function isLineSpace(c: number): boolean {
  if (c === 32) return true;
  if (c < 160) return c === 9 || c === 11 || c === 12 || c === 13;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

// Those lines repeat across a fleet's files (`key: OPENEDX_MYSQL_PASSWORD`…): each is checked once per run, and
// what it holds kept. Bounded, so a huge input cannot grow it without end.
const checkedLines = new Map<string, readonly [key: string, value: string][]>();

/** The random-looking values under secret-named keys in one line, as [key, value]. */
function secretAssignments(line: string): readonly [string, string][] {
  let hits = checkedLines.get(line);
  if (hits !== undefined) return hits;
  const found: [string, string][] = [];
  // a placeholder is no value, and its own colon is no assignment
  for (const a of line.replace(PLACEHOLDER, "placeholder").matchAll(ASSIGNMENT)) {
    const [, key, value] = a as unknown as [string, string, string];
    if (SECRET_KEY_NAME.test(key) && looksRandom(value)) found.push([key, value]);
  }
  hits = found.length === 0 ? NONE : found;
  if (checkedLines.size >= 100_000) checkedLines.clear();
  checkedLines.set(line, hits);
  return hits;
}
const NONE: readonly [string, string][] = [];

export function findSecrets(text: string): SecretFinding[] {
  const findings: SecretFinding[] = [];
  const lineAt = lineFinder(text);
  // the secret-named keys' pass first: it also tells whether a JWK member's name is written anywhere
  const keyed: SecretFinding[] = [];
  const schemeEnds: number[] = [];
  const jwkNamed = secretKeyLines(text, lineAt, keyed, schemeEnds);
  // token formats: one pass over the whole text each, line numbers only for matches
  for (const { rule, may, pattern } of TOKEN_RULES) {
    if (!may(text, jwkNamed)) continue;
    pattern.lastIndex = 0;
    for (const m of text.matchAll(pattern)) findings.push(found(lineAt(m.index!), rule, m[0]));
  }
  urlCredentials(text, schemeEnds, (offset, match) => findings.push(found(lineAt(offset), URL_CREDENTIALS, match)));
  for (const f of keyed) findings.push(f);
  return findings.sort((a, b) => a.line - b.line);
}

/**
 * Each line where a key ends in a secret word, once: the `:` and `=` in text order. Returns whether some `:`
 * follows a JWK private member's name (`"d":`…), which the JWK rule's match needs; lists where each `://` is, as
 * every `:` is looked at here.
 */
function secretKeyLines(text: string, lineAt: (offset: number) => number, findings: SecretFinding[], schemeEnds: number[]): boolean {
  let jwkNamed = false;
  let colon = text.indexOf(":");
  let equals = text.indexOf("=");
  while (colon >= 0 || equals >= 0) {
    const at = equals < 0 || (colon >= 0 && colon < equals) ? colon : equals;
    if (at === colon) {
      if (!jwkNamed) jwkNamed = jwkNameBefore(text, at);
      if (isSchemeEnd(text, at)) schemeEnds.push(at);
    }
    if (!endsSecretKey(text, at)) {
      if (at === colon) colon = text.indexOf(":", at + 1);
      else equals = text.indexOf("=", at + 1);
      continue;
    }
    const start = text.lastIndexOf("\n", at) + 1;
    const nl = text.indexOf("\n", at);
    const end = nl < 0 ? text.length : nl;
    for (const [key, value] of secretAssignments(text.slice(start, end))) {
      findings.push(found(lineAt(start), `random-looking value under the secret-named key "${key}"`, value));
    }
    // the line's other colons are not tried as keys, but may follow a JWK name or end a URL's scheme
    if (colon >= 0 && colon < end) {
      for (colon = text.indexOf(":", at + 1); colon >= 0 && colon < end; colon = text.indexOf(":", colon + 1)) {
        jwkNamed ||= jwkNameBefore(text, colon);
        if (isSchemeEnd(text, colon)) schemeEnds.push(colon);
      }
    }
    if (nl < 0) break;
    if (equals >= 0 && equals < nl) equals = text.indexOf("=", nl);
  }
  return jwkNamed;
}

/** The `:` at `at` starts a `://`. */
const isSchemeEnd = (text: string, at: number) => text.charCodeAt(at + 1) === 47 && text.charCodeAt(at + 2) === 47;

/** `"d"`, `'qi'`… and spaces (line breaks too) before the `:` at `at`, as the JWK rule's expression starts. */
function jwkNameBefore(text: string, at: number): boolean {
  let end = at - 1;
  let c = text.charCodeAt(end);
  while (c === 10 || isLineSpace(c)) c = text.charCodeAt(--end);
  if (c !== 34 && c !== 39) return false;
  const last = text.charCodeAt(end - 1);
  const before = text.charCodeAt(end - 2);
  // d, p, q
  if ((last === 100 || last === 112 || last === 113) && (before === 34 || before === 39)) return true;
  const first = before;
  const quote = text.charCodeAt(end - 3);
  if (quote !== 34 && quote !== 39) return false;
  // dp, dq, qi
  return (first === 100 && (last === 112 || last === 113)) || (first === 113 && last === 105);
}

export const describeFinding = (f: SecretFinding, file = "") => `${file}${file ? ":" : "line "}${f.line}: ${f.rule} (${f.masked})`;
