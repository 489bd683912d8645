// Where the compiler's bundle is, when it runs from one (compiler/run.mjs sets it): worker threads start from its
// entries. Undefined when the sources run through tsx (tests), whose workers cannot load TypeScript modules.
export function bundleDir(): string | undefined {
  const dir = (globalThis as Record<symbol, unknown>)[Symbol.for("openedx-fleet.bundle")];
  return typeof dir === "string" ? dir : undefined;
}
