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
  const out: string[] = [];
  walk(value, schema, out, (rules, s) => passes(rules, s, pattern));
  return out.join("");
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
  whole: boolean;
  ruled: boolean;
  items: Schema | false;
  props?: Record<string, unknown>;
  extra?: Record<string, unknown>;
}
const nodes = new WeakMap<object, Node>();

function nodeOf(rules: Record<string, unknown>): Node {
  let n = nodes.get(rules);
  if (!n) {
    n = {
      whole: KEEP_WHOLE.some((k) => k in rules),
      ruled: [...STRING_RULES, ...OTHER_STRING_RULES].some((k) => k in rules),
      items: Array.isArray(rules.items) ? false : (rules.items as Schema),
      ...(isObject(rules.properties) ? { props: rules.properties } : {}),
      ...(isObject(rules.additionalProperties) ? { extra: rules.additionalProperties } : {}),
    };
    nodes.set(rules, n);
  }
  return n;
}

function walk(value: unknown, schema: Schema, out: string[], ok: Passes): void {
  const rules = isObject(schema) ? schema : undefined;
  const node = rules && nodeOf(rules);
  if (schema === false || node?.whole) {
    out.push(JSON.stringify(value) ?? "u");
    return;
  }
  if (typeof value === "string") {
    // an absent schema (or true) accepts anything: its strings never matter
    out.push(!node?.ruled || ok(rules!, value) ? '"' : JSON.stringify(value));
    return;
  }
  if (Array.isArray(value)) {
    const items = node ? node.items : undefined;
    if (items === false) {
      out.push(JSON.stringify(value));
      return;
    }
    out.push("[");
    for (const v of value) {
      walk(v, items, out, ok);
      out.push(",");
    }
    out.push("]");
    return;
  }
  if (isObject(value)) {
    const props = node?.props;
    out.push("{");
    for (const k in value) {
      // a property the schema does not name is judged by additionalProperties (false: an error naming only the key)
      const sub = props && Object.hasOwn(props, k) ? (props[k] as Schema) : node?.extra;
      out.push(JSON.stringify(k), ":");
      walk(value[k], sub, out, ok);
      out.push(",");
    }
    out.push("}");
    return;
  }
  out.push(JSON.stringify(value) ?? "u");
}
