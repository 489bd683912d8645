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
  for (const k of keys) {
    if (record[k] === undefined) {
      keys = keys.filter((x) => record[x] !== undefined);
      break;
    }
  }
  if (keys.length < 2) return keys;
  if (keys.length > 12) return keys.sort((a, b) => byRank(a, b, rank)); // large maps (the fleet index's files)
  const ranked = keys.map((k) => rank.get(k) ?? Infinity);
  // small objects, mostly written in order already: an insertion sort is one comparison per key then
  // (and no comparator closure: tsx keeps function names, which costs a property definition per closure)
  for (let i = 1; i < keys.length; i++) {
    const k = keys[i]!;
    const r = ranked[i]!;
    let j = i;
    for (; j > 0 && (r < ranked[j - 1]! || (r === ranked[j - 1] && k < keys[j - 1]!)); j--) {
      keys[j] = keys[j - 1]!;
      ranked[j] = ranked[j - 1]!;
    }
    keys[j] = k;
    ranked[j] = r;
  }
  return keys;
}

function byRank(a: string, b: string, rank: Map<string, number>): number {
  const ra = rank.get(a) ?? Infinity;
  const rb = rank.get(b) ?? Infinity;
  if (ra !== rb) return ra - rb;
  return a < b ? -1 : a > b ? 1 : 0;
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
