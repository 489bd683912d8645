// Maps a value path inside a tenant/platform object back to the source location it was read from.
import type { Location } from "../diagnostics";

export type ValuePath = readonly PropertyKey[];

const keyOf = (path: ValuePath) => path.map(String).join("\u0000");

export interface LocatorSnapshot {
  file: string;
  values: [string, Location][];
  keys: [string, Location][];
}

export class Locator {
  constructor(private readonly file: string) {}

  private readonly values = new Map<string, Location>();
  private readonly keys = new Map<string, Location>();

  set(path: ValuePath, at: Location): void {
    this.values.set(keyOf(path), at);
  }

  setKey(path: ValuePath, at: Location): void {
    this.keys.set(keyOf(path), at);
  }

  /** Where the value at `path` was written, or the nearest enclosing value that was. */
  value(path: ValuePath): Location {
    for (let n = path.length; n >= 0; n--) {
      const hit = this.values.get(keyOf(path.slice(0, n)));
      if (hit) return hit;
    }
    return { file: this.file, line: 1, col: 1 };
  }

  /** Every recorded location, as plain data (the compile cache stores it with the tenant). */
  snapshot(): LocatorSnapshot {
    return { file: this.file, values: [...this.values], keys: [...this.keys] };
  }

  static restore(s: LocatorSnapshot): Locator {
    const l = new Locator(s.file);
    for (const [k, at] of s.values) l.values.set(k, at);
    for (const [k, at] of s.keys) l.keys.set(k, at);
    return l;
  }

  /** Where the property name at `path` was written (for unknown keys), falling back to its value. */
  key(path: ValuePath): Location {
    return this.keys.get(keyOf(path)) ?? this.value(path);
  }
}
