// What stands at an output file's place in generated/, looked at where the file is rendered (the tenant pool),
// so that the plan (output/plan.ts) need not read thousands of files on the main thread again.
import fs from "node:fs";
import path from "node:path";
import type { DiskObservation } from "../render/files";
import { stampOf } from "./disk-state";
import { hashOf, isPlainOutputPath } from "./manifest";
import { statIfFile } from "./plan";

// Opened, then stat'd and read through the descriptor: one system call fewer than a stat and a whole-file read,
// and the bytes go to one buffer kept for the run instead of a new one per file (thousands per run, which the
// collector had to follow). Non-blocking: a FIFO in the way is seen by its stat, never waited on.
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);
// (a larger file, rare, gets buffers of its own, so a thread never keeps more than these)
const KEPT = 256 * 1024;
const bytes = Buffer.allocUnsafeSlow(KEPT);
const encoded = Buffer.allocUnsafeSlow(KEPT);
let lastMissing = false;

/**
 * A rendered text in UTF-8, encoded once to be hashed and compared (and then no longer needed): a view of a buffer
 * kept for the run, valid until the next call.
 */
export function utf8Of(text: string): Buffer {
  // room for the longest encoding (three bytes a unit), so the write is never cut short
  if (3 * text.length > KEPT) return Buffer.from(text, "utf8");
  return encoded.subarray(0, encoded.write(text, 0, "utf8"));
}

/**
 * No plain file, or a file's stamp (before the read) and hash; undefined for anything odd, which the plan looks at
 * itself and reports. `text`: the rendered text's bytes (utf8Of), `textHash` their hash.
 */
export function observe(outDir: string, rel: string, text: Buffer, textHash: string): DiskObservation | undefined {
  const abs = pathIn(outDir, rel);
  // after a missing file the next is looked up by a stat first: a failed open costs an exception (thousands of
  // them in a first compile, where every file is missing)
  if (lastMissing) {
    try {
      if (statIfFile(abs) === undefined) return { found: false };
    } catch {
      return undefined;
    }
  }
  let fd: number;
  try {
    fd = fs.openSync(abs, OPEN_FLAGS);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== "ENOENT" && code !== "ENOTDIR") return observeByPath(abs, text, textHash);
    lastMissing = true;
    return { found: false };
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) return { found: false };
    lastMissing = false;
    const read = readAll(fd, st.size);
    return { found: true, stamp: stampOf(st), hash: read.equals(text) ? textHash : hashOf(read) };
  } catch {
    return undefined;
  } finally {
    closeQuietly(fd);
  }
}

/** The file's bytes (a view of `bytes` when they fit), as a whole-file read gives them: up to the stat's size or the end. */
function readAll(fd: number, size: number): Buffer {
  const into = size <= KEPT ? bytes : Buffer.allocUnsafe(size);
  let at = 0;
  for (let n = -1; n !== 0 && at < size; at += n) n = fs.readSync(fd, into, at, size - at, null);
  return into.subarray(0, at);
}

// path.join(outDir, rel), without normalising a path that needs none (thousands per run)
let joinedDir = "";
let prefix = "";
function pathIn(outDir: string, rel: string): string {
  if (!isPlainOutputPath(rel)) return path.join(outDir, rel);
  if (outDir !== joinedDir) (joinedDir = outDir), (prefix = path.join(outDir, "x").slice(0, -1));
  return prefix + rel;
}

function closeQuietly(fd: number): void {
  try {
    fs.closeSync(fd);
  } catch {
    // nothing was written through it
  }
}

/** Anything unusual in the way (no permission, a loop of links, a socket): looked at as before, by path. */
function observeByPath(abs: string, text: Buffer, textHash: string): DiskObservation | undefined {
  try {
    const st = statIfFile(abs);
    if (!st) return { found: false };
    const content = fs.readFileSync(abs);
    return { found: true, stamp: stampOf(st), hash: content.equals(text) ? textHash : hashOf(content) };
  } catch {
    return undefined;
  }
}
