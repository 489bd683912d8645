// Turns zod issues into located diagnostics: each points at the value, key or object to fix.
import { z } from "zod";
import { error, formatPath, type Diagnostic } from "../diagnostics";
import type { Locator, ValuePath } from "../source/locator";
import { maskSecretsIn } from "../scan/redact";
import { didYouMean } from "./suggest";

type Issue = z.core.$ZodIssue;

/**
 * Parses `value` and maps every issue to a diagnostic, dropping those under unreadable paths. `at`: where `value`
 * sits in its file's value (`["tutor", key]` for one setting), so a part is checked without a schema built
 * around it for the call (zod generates code for each new object schema it parses with).
 */
export function validate<S extends z.ZodType>(
  schema: S,
  value: unknown,
  locator: Locator,
  unreadable: readonly ValuePath[] = [],
  at: ValuePath = [],
): { data?: z.infer<S>; diagnostics: Diagnostic[] } {
  const result = parserOf(schema).safeParse(value, { reportInput: true });
  if (result.success) return { data: result.data, diagnostics: [] };
  const diagnostics: Diagnostic[] = [];
  for (const issue of result.error.issues) {
    for (const d of toDiagnostics({ schema, at }, issue, at, locator)) {
      if (!unreadable.some((u) => isPrefix(u, d.path))) diagnostics.push(d.diagnostic);
    }
  }
  return { diagnostics };
}

/**
 * A schema validated this many times in one process (the tenant schema, once per tenant file) is compiled to
 * standalone code by zod's z.compile: the same data for a valid value; an invalid one is parsed again by the
 * runtime parser, for the very same issues. In a compile, compiling the tenant schema costs 10-20 ms and saves
 * ~0.06 ms a tenant: worth it from a few hundred tenants on, so smaller fleets never pay for it.
 */
export const COMPILE_AFTER = 100;
const uses = new WeakMap<z.ZodType, { count: number; compiled?: z.ZodType }>();

function parserOf<S extends z.ZodType>(schema: S): S {
  let use = uses.get(schema);
  if (!use) uses.set(schema, (use = { count: 0 }));
  if (!use.compiled && ++use.count >= COMPILE_AFTER) use.compiled = z.compile(schema);
  return (use.compiled as S | undefined) ?? schema;
}

function isPrefix(prefix: ValuePath, path: ValuePath): boolean {
  return prefix.length <= path.length && prefix.every((p, i) => String(p) === String(path[i]));
}

interface Located {
  path: ValuePath;
  diagnostic: Diagnostic;
}

/** The schema the issues are of, and where its value sits in the file's value. */
interface Root {
  schema: z.ZodType;
  at: ValuePath;
}

function toDiagnostics(root: Root, issue: Issue, base: ValuePath, locator: Locator): Located[] {
  const path = [...base, ...issue.path];
  const at = (p: ValuePath) => locator.value(p);
  const make = (p: ValuePath, loc = at(p), message = issue.message, hint?: string): Located => ({
    path: p,
    diagnostic: error("schema", loc, message, { path: formatPath(p) || undefined, hint }),
  });

  switch (issue.code) {
    case "unrecognized_keys":
      return issue.keys.map((key) => {
        const known = knownKeys(root.schema, path.slice(root.at.length));
        return make([...path, key], locator.key([...path, key]), `unknown property "${key}"`, didYouMean(key, known) ?? (known.length ? `known properties: ${known.join(", ")}` : undefined));
      });
    case "invalid_type": {
      if (issue.input === undefined && path.length > 0) {
        const parent = path.slice(0, -1);
        const key = String(path[path.length - 1]);
        return [make(path, at(parent), `required property "${key}" is missing`, `add \`${key}: ...\`${parent.length ? ` to ${formatPath(parent)}` : ""}`)];
      }
      return [make(path, at(path), `expected ${article(issue.expected)}, got ${describeValue(issue.input)}`)];
    }
    case "invalid_value": {
      const options = issue.values.map((v) => JSON.stringify(v));
      const got = describeValue(issue.input);
      const hint = typeof issue.input === "string" ? didYouMean(issue.input, issue.values.map(String)) : undefined;
      return [make(path, at(path), `${got} is not one of ${options.join(", ")}`, hint)];
    }
    case "invalid_union": {
      // Report the branch the value was evidently meant for: the one that got past the type check.
      const branches = issue.errors.filter((b) => !b.some((i) => i.code === "invalid_type" && i.path.length === 0));
      const chosen = branches[0];
      if (!chosen) return [make(path, at(path), `${describeValue(issue.input)} has the wrong type`, "see the tenant reference in docs/reference.md")];
      return chosen.flatMap((i) => toDiagnostics(root, i, path, locator));
    }
    case "too_small":
    case "too_big": {
      if (issue.origin === "array" && issue.code === "too_small") return [make(path, at(path), `needs at least ${issue.minimum} item(s)`)];
      if (issue.origin === "string") return [make(path, at(path), `${describeValue(issue.input)} is too ${issue.code === "too_small" ? "short" : "long"} (${issue.code === "too_small" ? "min" : "max"} ${issue.code === "too_small" ? issue.minimum : issue.maximum} characters)`)];
      return [make(path, at(path), `${describeValue(issue.input)} is too ${issue.code === "too_small" ? "small" : "large"} (${issue.code === "too_small" ? "minimum" : "maximum"} ${issue.code === "too_small" ? issue.minimum : issue.maximum})`)];
    }
    case "invalid_key":
      return issue.issues.map((i) => make(path, at(path), `key: ${i.message}`));
    case "custom": {
      // a refinement may name its own code, hint and whether it is about a key (schema/tutor-text.ts)
      const params = (issue.params ?? {}) as { code?: string; hint?: string; at?: string };
      const loc = params.at === "key" ? locator.key(path) : at(path);
      const located = make(path, loc, issue.message, params.hint);
      if (params.code) located.diagnostic.code = params.code;
      return [located];
    }
    default:
      return [make(path, at(path))];
  }
}

function article(expected: string): string {
  const names: Record<string, string> = { string: "a string", number: "a number", int: "an integer", boolean: "true or false", object: "an object", array: "an array", record: "an object" };
  return names[expected] ?? expected;
}

export function describeValue(v: unknown): string {
  if (v === undefined) return "nothing";
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (typeof v === "object") return "an object";
  // a string is quoted back to the user: anything the secret rules flag in it is masked (`"sk_l…(32 chars)"`)
  if (typeof v === "string") return JSON.stringify(maskSecretsIn(v));
  return `${typeof v} ${String(v)}`;
}

/** The property names the schema accepts at `path` (for suggestions). */
function knownKeys(schema: z.ZodType, path: ValuePath): string[] {
  const node = schemaAt(schema, path);
  if (!node) return [];
  // a record keyed by an enum (e.g. the Deployments an autoscaling entry may name) knows its keys too
  const d = def(unwrapSchema(node));
  if (d.type === "record" && d.keyType && def(d.keyType).entries) return Object.keys(def(d.keyType).entries!).sort();
  return Object.keys(objectShape(node) ?? {}).sort();
}

type Def = { type: string; keyType?: z.ZodType; entries?: Record<string, unknown>; innerType?: z.ZodType; in?: z.ZodType; valueType?: z.ZodType; element?: z.ZodType; options?: z.ZodType[]; shape?: Record<string, z.ZodType> };
const def = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

function unwrapSchema(s: z.ZodType): z.ZodType {
  for (;;) {
    const d = def(s);
    if (d.innerType) s = d.innerType;
    else if (d.type === "pipe" && d.in) s = d.in;
    else return s;
  }
}

function objectShape(s: z.ZodType): Record<string, z.ZodType> | undefined {
  const d = def(unwrapSchema(s));
  if (d.type === "object") return d.shape;
  if (d.type === "union") return Object.assign({}, ...(d.options ?? []).map((o) => objectShape(o) ?? {}));
  return undefined;
}

function schemaAt(s: z.ZodType, path: ValuePath): z.ZodType | undefined {
  let cur: z.ZodType | undefined = s;
  for (const part of path) {
    if (!cur) return undefined;
    const d = def(unwrapSchema(cur));
    if (d.type === "array") cur = d.element;
    else if (d.type === "record") cur = d.valueType;
    else cur = objectShape(cur)?.[String(part)];
  }
  return cur;
}
