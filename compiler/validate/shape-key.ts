// Which objects must get the same verdict from a schema: a key that keeps all of an object but what its
// schema cannot tell apart. A string becomes one token where the schema at its place accepts it: any string
// when there is no rule, else one that passes the pattern and length rules (checked here as the validator
// checks them); a string that fails them, or has an enum, const or format, is kept. Under schema keywords
// whose outcome could depend on several values at once (uniqueItems, contains, oneOf, not...) nothing changes. Keys, numbers,
// booleans, nulls and the structure are kept, so the errors' paths and messages are the same for every
// object of one key: thousands of tenants' objects, differing in names, hosts and ids, share a few shapes.

type Schema = Record<string, unknown> | boolean | undefined;

// the outcome under these may compare or combine values: the subtree is kept whole
const KEEP_WHOLE = [
  "$ref", "$dynamicRef", "allOf", "anyOf", "oneOf", "not", "if", "then", "else", "dependentSchemas", "dependencies",
  "patternProperties", "propertyNames", "contains", "prefixItems", "uniqueItems", "unevaluatedProperties", "unevaluatedItems", "enum", "const",
];
// constraints on a string's content this module checks itself
const STRING_RULES = ["pattern", "minLength", "maxLength"];
// any other: the string is kept as it is
const OTHER_STRING_RULES = ["format", "contentEncoding", "contentMediaType", "contentSchema"];

/** How the validator builds a pattern's RegExp (with its flags), so a pattern is tested as the validator tests it. */
export type PatternMaker = (pattern: string) => RegExp;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The key of `value` under `schema` (a JSON schema without $ref, as kubeconform's standalone schemas are). */
export function shapeKey(value: unknown, schema: Schema, pattern: PatternMaker): string {
  return walk(value, schema, (rules, s) => passes(rules, s, pattern));
}

const patterns = new Map<string, RegExp>();

/** Whether `s` meets its schema's pattern and length rules (lengths in code points, as Ajv counts them). */
function passes(rules: Record<string, unknown>, s: string, make: PatternMaker): boolean {
  if (OTHER_STRING_RULES.some((k) => k in rules)) return false;
  const length = rules.minLength !== undefined || rules.maxLength !== undefined ? [...s].length : 0;
  if (typeof rules.minLength === "number" && length < rules.minLength) return false;
  if (typeof rules.maxLength === "number" && length > rules.maxLength) return false;
  if (rules.minLength !== undefined && typeof rules.minLength !== "number") return false;
  if (rules.maxLength !== undefined && typeof rules.maxLength !== "number") return false;
  if (rules.pattern === undefined) return true;
  if (typeof rules.pattern !== "string") return false;
  let re = patterns.get(rules.pattern);
  if (!re) patterns.set(rules.pattern, (re = make(rules.pattern)));
  return re.test(s);
}

type Passes = (rules: Record<string, unknown>, s: string) => boolean;

/** Per schema node, what the walk needs of it (computed once: every object of a kind meets the same nodes). */
interface Node {
  rules: Record<string, unknown>;
  whole: boolean;
  ruled: boolean;
  items: Schema | false;
  props?: Record<string, unknown>;
  extra?: Record<string, unknown>;
}
// kept on the schema node itself: a property read costs less than a WeakMap lookup, for every value of every object
const NODE = Symbol("shape-key node");

function nodeOf(rules: Record<string, unknown>): Node {
  let n = (rules as { [NODE]?: Node })[NODE];
  if (!n) {
    n = {
      rules,
      whole: KEEP_WHOLE.some((k) => k in rules),
      ruled: [...STRING_RULES, ...OTHER_STRING_RULES].some((k) => k in rules),
      items: Array.isArray(rules.items) ? false : (rules.items as Schema),
      ...(isObject(rules.properties) ? { props: rules.properties } : {}),
      ...(isObject(rules.additionalProperties) ? { extra: rules.additionalProperties } : {}),
    };
    Object.defineProperty(rules, NODE, { value: n });
  }
  return n;
}

// `"key":` as it appears in keys, by key: the same few hundred keys recur in every object of a fleet
const keyTokens = new Map<string, string>();
function keyToken(k: string): string {
  let t = keyTokens.get(k);
  if (t === undefined) {
    if (keyTokens.size > 50_000) keyTokens.clear();
    keyTokens.set(k, (t = JSON.stringify(k) + ":"));
  }
  return t;
}

/** A scalar other than a string: numbers as String() writes them (JSON would write NaN and Infinity as null). */
const scalarToken = (value: unknown) => (typeof value === "number" ? String(value) : (JSON.stringify(value) ?? "u"));

function walk(value: unknown, schema: Schema, ok: Passes): string {
  const node = isObject(schema) ? nodeOf(schema) : undefined;
  if (schema === false || node?.whole) return exact(value);
  if (typeof value === "string") {
    // an absent schema (or true) accepts anything: its strings never matter
    return !node?.ruled || ok(node.rules, value) ? '"' : JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    const items = node ? node.items : undefined;
    if (items === false) return exact(value);
    let s = "[";
    for (const v of value) s += walk(v, items, ok) + ",";
    return s + "]";
  }
  if (isObject(value)) {
    const props = node?.props;
    let s = "{";
    for (const k in value) {
      // a property the schema does not name is judged by additionalProperties (false: an error naming only the key)
      const sub = props && Object.hasOwn(props, k) ? (props[k] as Schema) : node?.extra;
      s += keyToken(k) + walk(value[k], sub, ok) + ",";
    }
    return s + "}";
  }
  return scalarToken(value);
}

/** All of `value`, every string kept (JSON.stringify would write NaN and the infinities as null). */
function exact(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) {
    let s = "[";
    for (const v of value) s += exact(v) + ",";
    return s + "]";
  }
  if (isObject(value)) {
    let s = "{";
    for (const k in value) s += keyToken(k) + exact(value[k]) + ",";
    return s + "}";
  }
  return scalarToken(value);
}
