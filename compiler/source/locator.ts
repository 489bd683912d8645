// Maps a value path inside a tenant/platform object back to the source location it was read from.
import type { Location } from "../diagnostics";

export type ValuePath = readonly PropertyKey[];

/** The path's parts as text, NUL-separated (as `path.map(String).join("\0")`, without the arrays). */
function keyOf(path: ValuePath): string {
  if (path.length === 0) return "";
  let key = String(path[0]);
  for (let i = 1; i < path.length; i++) key += `\u0000${String(path[i])}`;
  return key;
}

/** A locator as one string of JSON, so that loading many of them parses no objects until one is asked. */
export interface LocatorSnapshot {
  file: string;
  data: string;
}
type Row = [key: string, line: number, col: number, file: number];

export class Locator {
  constructor(private readonly file: string) {}

  private readonly values = new Map<string, Location>();
  private readonly keys = new Map<string, Location>();

  set(path: ValuePath, at: Location): void {
    this.ensure();
    this.values.set(keyOf(path), at);
  }

  setKey(path: ValuePath, at: Location): void {
    this.ensure();
    this.keys.set(keyOf(path), at);
  }

  /** `set` and `setKey` with the path already as its key (keyOf): for readers that build those keys as they go. */
  recordValue(key: string, at: Location): void {
    this.values.set(key, at);
  }

  recordKey(key: string, at: Location): void {
    this.keys.set(key, at);
  }

  /** Every recorded location, by path key (keyOf), in the order first recorded. */
  recorded(): { values: [string, Location][]; keys: [string, Location][] } {
    this.ensure();
    return { values: [...this.values], keys: [...this.keys] };
  }

  /** Where the value at `path` was written, or the nearest enclosing value that was. */
  value(path: ValuePath): Location {
    this.ensure();
    for (let n = path.length; n >= 0; n--) {
      const hit = this.values.get(keyOf(path.slice(0, n)));
      if (hit) return hit;
    }
    return { file: this.file, line: 1, col: 1 };
  }

  /** Every recorded location, as plain data (the compile cache stores it with the tenant). */
  snapshot(): LocatorSnapshot {
    if (this.pending) return this.pending;
    const files: string[] = [];
    const rows = (m: Map<string, Location>): Row[] =>
      [...m].map(([k, at]) => [k, at.line, at.col, files.indexOf(at.file) >= 0 ? files.indexOf(at.file) : files.push(at.file) - 1]);
    return { file: this.file, data: JSON.stringify({ values: rows(this.values), keys: rows(this.keys), files }) };
  }

  /** A locator from a snapshot; its maps are rebuilt on the first lookup (most cached tenants never need one). */
  static restore(s: LocatorSnapshot): Locator {
    const l = new Locator(s.file);
    l.pending = s;
    return l;
  }

  private pending?: LocatorSnapshot;

  private ensure(): void {
    const s = this.pending;
    if (!s) return;
    this.pending = undefined;
    const { values, keys, files } = JSON.parse(s.data) as { values: Row[]; keys: Row[]; files: string[] };
    for (const [k, line, col, f] of values) this.values.set(k, { file: files[f]!, line, col });
    for (const [k, line, col, f] of keys) this.keys.set(k, { file: files[f]!, line, col });
  }

  /** Where the property name at `path` was written (for unknown keys), falling back to its value. */
  key(path: ValuePath): Location {
    this.ensure();
    return this.keys.get(keyOf(path)) ?? this.value(path);
  }
}
