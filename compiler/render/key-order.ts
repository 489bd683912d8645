// The one key order of everything the compiler writes (YAML and JSON): some leading keys in a fixed order,
// then the others by code unit; `undefined` members are never written.

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Keys that lead a Kubernetes object, in this order; the others follow sorted by code unit. */
export const KUBE_KEY_ORDER = ["apiVersion", "kind", "metadata", "name", "namespace"];
/** Keys that lead a record of plain data (fleet.json, reports). */
export const DATA_KEY_ORDER = ["$comment", "id", "name"];

const ranks = new Map<readonly string[], Map<string, number>>();
/** Position of each leading key; built once per list. */
export function rankOf(leading: readonly string[]): Map<string, number> {
  let r = ranks.get(leading);
  if (!r) ranks.set(leading, (r = new Map(leading.map((k, i) => [k, i]))));
  return r;
}

/** The object's defined keys in canonical order. */
export function orderedKeys(value: object, rank: Map<string, number>): string[] {
  const record = value as Record<string, unknown>;
  let keys = Object.keys(record);
  for (let i = 0; i < keys.length; i++) {
    if (record[keys[i]!] === undefined) {
      keys = keys.filter((x) => record[x] !== undefined);
      break;
    }
  }
  // most objects are built in order already: one comparison per key tells
  const n = keys.length;
  let i = 1;
  while (i < n && before(keys[i - 1]!, keys[i]!, rank)) i++;
  if (i >= n) return keys;
  if (n > 12) return keys.sort((a, b) => (before(a, b, rank) ? -1 : 1)); // large maps (the fleet index's files); keys are distinct
  // small objects: an insertion sort from the first key out of order (no comparator closure: tsx keeps
  // function names, which costs a property definition per closure)
  for (; i < n; i++) {
    const k = keys[i]!;
    let j = i;
    for (; j > 0 && before(k, keys[j - 1]!, rank); j--) keys[j] = keys[j - 1]!;
    keys[j] = k;
  }
  return keys;
}

/** `a` goes before `b`: leading keys in their order, then the others by code unit. */
function before(a: string, b: string, rank: Map<string, number>): boolean {
  const ra = rank.get(a) ?? Infinity;
  const rb = rank.get(b) ?? Infinity;
  return ra < rb || (ra === rb && a < b);
}

/** Returns `value` with object keys in canonical order and `undefined` members dropped. */
export function canonical(value: unknown, leading: readonly string[] = KUBE_KEY_ORDER): Json {
  return canonicalWith(value, rankOf(leading));
}

function canonicalWith(value: unknown, rank: Map<string, number>): Json {
  if (value === null || typeof value !== "object") return scalarJson(value);
  if (Array.isArray(value)) return value.filter((v) => v !== undefined).map((v) => canonicalWith(v, rank));
  const out: { [key: string]: Json } = {};
  for (const k of orderedKeys(value, rank)) out[k] = canonicalWith((value as Record<string, unknown>)[k], rank);
  return out;
}

function scalarJson(value: unknown): Json {
  if (typeof value === "number" && !Number.isFinite(value)) throw new Error(`cannot write non-finite number ${value}`);
  if (value === undefined) throw new Error("cannot write undefined");
  return value as Json;
}
