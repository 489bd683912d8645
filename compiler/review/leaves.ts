// Objects flattened to their scalar leaves (JSON-pointer path → value), so two versions compare field by field.

export function leaves(value: unknown, prefix = "", out = new Map<string, unknown>()): Map<string, unknown> {
  if (Array.isArray(value)) value.forEach((v, i) => leaves(v, `${prefix}/${i}`, out));
  else if (value !== null && typeof value === "object") for (const [k, v] of Object.entries(value)) leaves(v, `${prefix}/${k}`, out);
  else out.set(prefix || "/", value);
  return out;
}

/** Paths matching `pattern` whose value differs (or exists on one side only), with both values. */
export function changedLeaves(before: unknown, after: unknown, pattern: RegExp): { path: string; before: unknown; after: unknown }[] {
  const b = leaves(before);
  const a = leaves(after);
  const paths = [...new Set([...b.keys(), ...a.keys()])].filter((p) => pattern.test(p)).sort();
  return paths.filter((p) => b.get(p) !== a.get(p)).map((p) => ({ path: p, before: b.get(p), after: a.get(p) }));
}

export const show = (v: unknown) => (v === undefined ? "(none)" : String(v));

/** A list change as what left and what came: `−a, +b`; the whole lists when one side is empty. */
export function listChange(before: readonly unknown[] = [], after: readonly unknown[] = []): string {
  if (before.length === 0 || after.length === 0) return `${before.join(", ") || "(none)"} → ${after.join(", ") || "(none)"}`;
  const gone = before.filter((x) => !after.includes(x)).map((x) => `−${x}`);
  const came = after.filter((x) => !before.includes(x)).map((x) => `+${x}`);
  return [...gone, ...came].join(", ") || `order ${before.join(", ")} → ${after.join(", ")}`;
}
