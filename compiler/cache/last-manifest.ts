// The manifest of the fleet index that compile last wrote, kept in .cache/ under the hash of that file: the next
// compile's plan takes it from there, instead of parsing generated/fleet.json (megabytes in a large fleet), while
// generated/ still holds that very file (same hash). Anything else — no record, another hash, a damaged record —
// and the plan parses the file as before.
import path from "node:path";
import { hashOf, isSafeOutputPath, type Manifest } from "../output/manifest";
import type { OutputFile } from "../render/files";
import { readChecksummed, writeChecksummed } from "./checksummed";

const FORMAT = "last-manifest-1";
export const lastManifestFile = (root: string) => path.join(root, ".cache", "last-manifest.json");

interface Stored {
  format: string;
  /** hashOf(the fleet index's text), as written to generated/. */
  hash: string;
  paths: string[];
  hashes: string[];
}

/** The manifest recorded for the fleet index whose bytes hash to `hash`, if that is the one recorded. */
export function lastManifest(root: string, hash: string): Manifest | undefined {
  const s = readChecksummed(lastManifestFile(root)) as Stored | undefined;
  if (s?.format !== FORMAT || s.hash !== hash || !Array.isArray(s.paths) || !Array.isArray(s.hashes) || s.paths.length !== s.hashes.length) return undefined;
  const manifest: Manifest = new Map();
  for (let i = 0; i < s.paths.length; i++) manifest.set(s.paths[i]!, s.hashes[i]!);
  return manifest;
}

/**
 * Records the manifest of the fleet index now in generated/ (`index`, as rendered and written). Only a manifest
 * the plan would read back from the file unchanged is kept: every path safe (output/manifest.ts).
 */
export function rememberManifest(root: string, index: OutputFile): void {
  const own = index.manifest;
  if (!own || ![...own.keys()].every(isSafeOutputPath)) return;
  try {
    writeChecksummed(lastManifestFile(root), { format: FORMAT, hash: hashOf(index.content), paths: [...own.keys()], hashes: [...own.values()] } satisfies Stored);
  } catch {
    // a cache we cannot write only costs speed
  }
}
