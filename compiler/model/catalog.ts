// Lookups in the platform's catalogs (clusters, releases, size presets, plugins) by own property only:
// a tenant naming "toString" or "constructor" finds nothing, not a function inherited from Object.prototype.

/** True when `name` is an entry of `catalog` itself. */
export function inCatalog(catalog: object, name: string): boolean {
  return Object.hasOwn(catalog, name);
}

/** The entry `name` of `catalog`, or undefined (never an inherited property). */
export function fromCatalog<T>(catalog: Readonly<Record<string, T>>, name: string): T | undefined {
  return Object.hasOwn(catalog, name) ? catalog[name] : undefined;
}
