// The cache's files: packs of entries with a checksum; a pack that fails it, or its shape, reads as empty.
// Entries keep the hash of each rendered file, not its content: generated/ is compared by hash, and the few
// files that must be written again are rendered again (rendering is a pure function of the entry's key).
import fs from "node:fs";
import path from "node:path";
import type { Diagnostic } from "../diagnostics";
import type { Tenant } from "../schema/tenant";
import type { LocatorSnapshot } from "../source/locator";
import { readChecksummed, writeChecksummed } from "./checksummed";

/** Bumped when the layout of a pack or an entry changes. */
export const FORMAT = "tenant-cache-5";

export interface Entry {
  key: string;
  tenant: { value: Tenant; file: string; locator: LocatorSnapshot };
  /** Diagnostics of reading the file (warnings only: a tenant with errors is never cached). */
  diagnostics: Diagnostic[];
  /** Diagnostics of the per-tenant catalog rules (warnings only). */
  checks: Diagnostic[];
  /** The rendered files: path and hashOf(content), in render order. */
  files: { path: string; hash: string }[];
  /** The tenant's entry in the fleet index, as written there. */
  index: string;
}

/** Where a fleet keeps its tenant cache. */
export const cacheDir = (root: string) => path.join(root, ".cache", "tenants");

/** The names of the packs in `dir`, sorted (none when it cannot be read). */
export function packNames(dir: string): string[] {
  try {
    return fs.readdirSync(dir).filter((n) => n.startsWith("pack-") && n.endsWith(".json")).sort();
  } catch {
    return [];
  }
}

/** A pack is a checksummed file (cache/checksummed.ts) named after its content; returns its name. */
export function writePack(dir: string, entries: Entry[]): string {
  return path.basename(writeChecksummed({ dir, nameOf: (sum) => `pack-${sum.slice(0, 24)}.json` }, { format: FORMAT, entries }));
}

export function readPack(file: string): Entry[] {
  const pack = readChecksummed(file) as { format?: unknown; entries?: unknown } | undefined;
  if (pack?.format !== FORMAT || !Array.isArray(pack.entries)) return [];
  return pack.entries.every(isEntry) ? (pack.entries as Entry[]) : [];
}

function isEntry(e: Entry): boolean {
  return (
    e !== null &&
    typeof e === "object" &&
    typeof e.key === "string" &&
    typeof e.tenant?.file === "string" &&
    typeof e.tenant.value === "object" &&
    typeof e.tenant.locator?.data === "string" &&
    Array.isArray(e.diagnostics) &&
    Array.isArray(e.checks) &&
    Array.isArray(e.files) &&
    typeof e.index === "string" &&
    e.files.every((f) => typeof f?.path === "string" && typeof f.hash === "string")
  );
}
