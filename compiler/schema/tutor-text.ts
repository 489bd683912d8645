// Text that reaches Tutor must stay data. Tutor renders every config value as a Jinja template and writes
// values unescaped into Python settings (`PLATFORM_NAME = "{{ PLATFORM_NAME }}"`) and YAML env files
// (`PLATFORM_NAME: "{{ PLATFORM_NAME }}"`), so a string is refused when Jinja, Python or PyYAML would read
// anything in it other than itself (test/compiler/tutor-text-real.test.ts asks the real tools).
import { z } from "zod";
import { SECRET_PLACEHOLDER_PREFIX } from "../tutor/pinned";

export interface TextProblem {
  /** `template-syntax` (Jinja or the compiler's placeholder) or `unsafe-char`. */
  code: "template-syntax" | "unsafe-char";
  message: string;
  hint: string;
}

// Jinja's default delimiters (Tutor keeps them). A lone `{`, `}`, `%` or `#` is plain text to Jinja's lexer;
// closers are refused too: they have no meaning in prose, and the render step refuses any of the six.
const JINJA = ["{{", "}}", "{%", "%}", "{#", "#}"] as const;

const NAMED: Record<string, string> = {
  '"': "a double quote (\")",
  "\\": "a backslash (\\)",
  "\n": "a line feed (U+000A)",
  "\r": "a carriage return (U+000D)",
  "\t": "a tab (U+0009)",
  "\0": "a NUL character (U+0000)",
  "\u0085": "a next-line character (U+0085)",
  "\u2028": "a line separator (U+2028)",
  "\u2029": "a paragraph separator (U+2029)",
};

// C0 and C1 controls and DEL (PyYAML rejects most, Python and YAML read line breaks among them as ends of
// lines), the Unicode line separators, unpaired surrogates (not encodable as UTF-8) and U+FFFE/U+FFFF.
const UNSAFE_CHAR = /["\\\u0000-\u001f\u007f-\u009f\u2028\u2029\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const codePoint = (c: string) => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;

/** Why `s` cannot be handed to Tutor, or undefined when it is plain data. Never echoes the value. */
export function textProblem(s: string): TextProblem | undefined {
  const delimiter = JINJA.find((d) => s.includes(d));
  if (delimiter) {
    return {
      code: "template-syntax",
      message: `contains "${delimiter}", which Tutor would read as Jinja template syntax (it renders every setting as a template)`,
      hint: "remove the Jinja delimiters ({{ }}, {% %}, {# #}); a single { or } is fine",
    };
  }
  if (s.toLowerCase().includes(SECRET_PLACEHOLDER_PREFIX)) {
    return {
      code: "template-syntax",
      message: `contains "${SECRET_PLACEHOLDER_PREFIX}", the compiler's placeholder for a secret taken from the cluster`,
      hint: `remove "${SECRET_PLACEHOLDER_PREFIX}": secrets are wired by the compiler, never written in a tenant file`,
    };
  }
  const bad = UNSAFE_CHAR.exec(s)?.[0];
  if (bad !== undefined) {
    const name = NAMED[bad] ?? (bad.length === 1 && /[\ud800-\udfff]/.test(bad) ? `an unpaired surrogate (${codePoint(bad)})` : `a control character (${codePoint(bad)})`);
    const hint = bad === '"' ? "remove it, or use typographic quotes (“ ” or « »)" : bad === "\\" ? "remove it (a slash / is fine)" : "remove it: the value must be a single line of printable text";
    return { code: "unsafe-char", message: `contains ${name}, which Tutor writes unescaped into Python settings and YAML files`, hint };
  }
  return undefined;
}

type Issue = z.core.$ZodRawIssue;

function issueFor(value: string, path: PropertyKey[], at: "value" | "key"): Issue | undefined {
  const p = textProblem(value);
  return p && { code: "custom", message: p.message, input: value, path, params: { code: p.code, hint: p.hint, at } };
}

/** The check of TutorText, for string types with their own format that Tutor also receives. */
export function checkText(ctx: { value: string; issues: Issue[] }): void {
  const issue = issueFor(ctx.value, [], "value");
  if (issue) ctx.issues.push(issue);
}

/** A string Tutor may hold: plain data for Jinja, Python string literals and YAML scalars. */
export const TutorText = z.string().check(checkText);

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

/** Every problem in a value Tutor would hold: strings (keys included) that are not TutorText, numbers that are
 * not finite, values that are not JSON; each with its path. */
function jsonIssues(value: unknown, path: PropertyKey[], out: Issue[]): Issue[] {
  if (typeof value === "string") {
    const issue = issueFor(value, path, "value");
    if (issue) out.push(issue);
  } else if (typeof value === "number") {
    if (!Number.isFinite(value)) out.push({ code: "custom", message: `number ${value} is not finite (a literal beyond the range of a double)`, input: value, path, params: { hint: "write a number of ordinary size" } });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => jsonIssues(v, [...path, i], out));
  } else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const issue = issueFor(k, [...path, k], "key");
      if (issue) out.push(issue);
      jsonIssues(v, [...path, k], out);
    }
  } else if (value !== null && typeof value !== "boolean") {
    out.push({ code: "custom", message: `${typeof value} is not a JSON value`, input: value, path });
  }
  return out;
}

/** Any JSON value with finite numbers and whose strings, keys included, are all TutorText. */
export const TutorJson = z.custom<Json>().check((ctx) => {
  ctx.issues.push(...jsonIssues(ctx.value, [], []));
});
