// The cache's files: packs of entries with a checksum; a pack that fails it, or its shape, reads as empty.
import fs from "node:fs";
import path from "node:path";
import type { Diagnostic } from "../diagnostics";
import type { OutputFile } from "../render/files";
import type { Tenant } from "../schema/tenant";
import type { LocatorSnapshot } from "../source/locator";
import { hashOf } from "../output/manifest";
import { sha256 } from "./dependencies";

/** Bumped when the layout of a pack or an entry changes. */
export const FORMAT = "tenant-cache-3";

export interface Entry {
  key: string;
  tenant: { value: Tenant; file: string; locator: LocatorSnapshot };
  /** Diagnostics of reading the file (warnings only: a tenant with errors is never cached). */
  diagnostics: Diagnostic[];
  /** Diagnostics of the per-tenant catalog rules (warnings only). */
  checks: Diagnostic[];
  /** Rendered files, each with its hash for the manifest. */
  files: OutputFile[];
}

/**
 * A pack is `<sha256 of the rest>\n<length of the index>\n<index JSON><file contents, concatenated>`: the
 * index holds each entry with its files' paths and lengths, so the bulk (file contents) is sliced, not parsed.
 */
export function writePack(dir: string, entries: Entry[]): string {
  const blobs: string[] = [];
  const index = entries.map((e) => ({ ...e, files: e.files.map((f) => (blobs.push(f.content), [f.path, f.content.length, f.hash ?? hashOf(f.content)])) }));
  const head = JSON.stringify({ format: FORMAT, entries: index });
  const rest = `${head.length}\n${head}${blobs.join("")}`;
  const sum = sha256(rest);
  const name = `pack-${sum.slice(0, 24)}.json`;
  const tmp = path.join(dir, `${name}.${process.pid}.tmp`);
  fs.writeFileSync(tmp, `${sum}\n${rest}`);
  fs.renameSync(tmp, path.join(dir, name)); // never a half-written pack under its final name
  return name;
}

export function readPack(file: string): Entry[] {
  try {
    const raw = fs.readFileSync(file, "utf8");
    const nl = raw.indexOf("\n");
    if (nl < 0 || sha256(raw.slice(nl + 1)) !== raw.slice(0, nl)) return [];
    const nl2 = raw.indexOf("\n", nl + 1);
    const headStart = nl2 + 1;
    const headEnd = headStart + Number(raw.slice(nl + 1, nl2));
    const pack = JSON.parse(raw.slice(headStart, headEnd)) as { format?: unknown; entries?: (Omit<Entry, "files"> & { files: [string, number, string][] })[] };
    if (pack.format !== FORMAT || !Array.isArray(pack.entries)) return [];
    let at = headEnd;
    const entries = pack.entries.map((e) => ({ ...e, files: e.files.map(([p, length, hash]) => ({ path: p, content: raw.slice(at, (at += length)), hash })) }));
    return at === raw.length && entries.every(isEntry) ? entries : [];
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
    e.files.every((f) => typeof f?.path === "string" && typeof f.content === "string" && typeof f.hash === "string")
  );
}
