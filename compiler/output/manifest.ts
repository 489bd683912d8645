// The list of files the compiler owns, with a hash of each, kept in generated/fleet.json under `files`.
// It lets compile delete exactly the files that left the plan, and check tell a stale file from an edited one.
import { hash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** The file that carries the manifest (the fleet index). */
export const MANIFEST = "fleet.json";

export type Manifest = Map<string, string>;

/**
 * The content hash of a file (16 hex digits of its SHA-256). A rendered file's text is hashed by the compile cache,
 * the fleet index and the plan (whose bytes on disk equal it): each text is hashed once per run, the others are
 * looked up. Bounded in total length, so a huge fleet only hashes some texts again.
 */
export function hashOf(content: string | Buffer): string {
  if (typeof content !== "string") return sha(content);
  let h = hashes.get(content);
  if (h === undefined) {
    h = sha(content);
    if (hashedLength + content.length > MAX_HASHED_LENGTH) hashes.clear(), (hashedLength = 0);
    hashes.set(content, h);
    hashedLength += content.length;
  }
  return h;
}
// the one-shot crypto.hash: same digest as createHash, without an object per file (thousands per run)
const sha = (content: string | Buffer) => hash("sha256", content, "hex").slice(0, 16);
const hashes = new Map<string, string>();
let hashedLength = 0;
const MAX_HASHED_LENGTH = 64 * 1024 * 1024;

// segments of safe characters that do not start with '.', joined by single '/'
const PLAIN_PATH = /^[A-Za-z0-9_][A-Za-z0-9_.-]*(\/[A-Za-z0-9_][A-Za-z0-9_.-]*)*$/;

/** Safe characters only, in segments that are neither empty nor start with '.': relative and normalised already. */
export const isPlainOutputPath = (p: string) => PLAIN_PATH.test(p);

/** A path the manifest may name: relative, normalised, inside generated/. Committed state is untrusted. */
export function isSafeOutputPath(p: string): boolean {
  if (PLAIN_PATH.test(p)) return true; // the common case, without normalising
  if (!p || p.includes("\\") || p.includes("\0") || path.posix.isAbsolute(p)) return false;
  return path.posix.normalize(p) === p && !p.split("/").some((s) => s === ".." || s === "." || s === "");
}

/** The manifest inside a fleet index's text (path → hash), or an empty one when it does not parse. */
export function manifestIn(text: string): ReadonlyMap<string, string> {
  try {
    const files = (JSON.parse(text) as { files?: Record<string, unknown> }).files ?? {};
    return new Map(Object.entries(files).filter((e): e is [string, string] => typeof e[1] === "string"));
  } catch {
    return new Map();
  }
}

/** Reads the committed manifest; a missing one means the compiler owns nothing yet. */
export function readManifest(outDir: string): { manifest: Manifest; problem?: string } {
  const file = path.join(outDir, MANIFEST);
  if (!fs.existsSync(file)) return { manifest: new Map() };
  try {
    return parseManifest(fs.readFileSync(file, "utf8"));
  } catch (e) {
    return { manifest: new Map(), problem: `manifest is not valid JSON (${(e as Error).message})` };
  }
}

/** The manifest in the text of a fleet index found in generated/ (untrusted), as readManifest reads it. */
export function parseManifest(text: string): { manifest: Manifest; problem?: string } {
  try {
    const parsed = JSON.parse(text) as { files?: Record<string, unknown> };
    const manifest: Manifest = new Map();
    for (const [p, hash] of Object.entries(parsed.files ?? {})) {
      if (!isSafeOutputPath(p) || typeof hash !== "string") return { manifest: new Map(), problem: `manifest names an unsafe path or hash: ${JSON.stringify(p)}` };
      manifest.set(p, hash);
    }
    return { manifest };
  } catch (e) {
    return { manifest: new Map(), problem: `manifest is not valid JSON (${(e as Error).message})` };
  }
}
