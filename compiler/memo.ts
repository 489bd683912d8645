// Values made once per owner and key, kept as long as the owner lives: a platform's per-cluster setups, a schema's
// wrappers, a frozen list's verdicts. The owner is only read, so what is made from it never changes.

/** A function giving `make()` for an owner and key once, and the same value on every later call. */
export function memoByOwner<O extends object, V>(): (owner: O, key: string, make: () => V) => V {
  const byOwner = new WeakMap<O, Map<string, V>>();
  return (owner, key, make) => {
    let byKey = byOwner.get(owner);
    if (!byKey) byOwner.set(owner, (byKey = new Map()));
    const known = byKey.get(key);
    // (a value made may be undefined or false: kept all the same)
    if (known !== undefined || byKey.has(key)) return known as V;
    const value = make();
    byKey.set(key, value);
    return value;
  };
}
