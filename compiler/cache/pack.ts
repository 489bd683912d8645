// The cache's files: packs of entries with a checksum; a pack that fails it, or its shape, reads as empty.
// Entries keep the hash of each rendered file, not its content: generated/ is compared by hash, and the few
// files that must be written again are rendered again (rendering is a pure function of the entry's key).
import fs from "node:fs";
import path from "node:path";
import type { Diagnostic } from "../diagnostics";
import type { Tenant } from "../schema/tenant";
import type { LocatorSnapshot } from "../source/locator";
import { sha256 } from "./dependencies";

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

/** A pack is `<sha256 of the rest>\n<JSON of the entries>`, written under a name derived from its content. */
export function writePack(dir: string, entries: Entry[]): string {
  const body = JSON.stringify({ format: FORMAT, entries });
  const sum = sha256(body);
  const name = `pack-${sum.slice(0, 24)}.json`;
  const tmp = path.join(dir, `${name}.${process.pid}.tmp`);
  fs.writeFileSync(tmp, `${sum}\n${body}`);
  fs.renameSync(tmp, path.join(dir, name)); // never a half-written pack under its final name
  return name;
}

export function readPack(file: string): Entry[] {
  try {
    const raw = fs.readFileSync(file, "utf8");
    const nl = raw.indexOf("\n");
    if (nl < 0 || sha256(raw.slice(nl + 1)) !== raw.slice(0, nl)) return [];
    const pack = JSON.parse(raw.slice(nl + 1)) as { format?: unknown; entries?: unknown };
    if (pack.format !== FORMAT || !Array.isArray(pack.entries)) return [];
    return pack.entries.every(isEntry) ? (pack.entries as Entry[]) : [];
  } catch {
    return [];
  }
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
