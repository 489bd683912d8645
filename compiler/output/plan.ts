// Compares the files the compiler wants with what generated/ holds: a pure plan, no writes.
import fs from "node:fs";
import path from "node:path";
import type { OutputFile } from "../render/files";
import type { DiskState } from "./disk-state";
import { UserError } from "../diagnostics";
import { hashOf, isSafeOutputPath, MANIFEST, parseManifest, readManifest, type Manifest } from "./manifest";
import { unreadable } from "./output-problems";

export interface Plan {
  /** New or changed files, with their full content. */
  writes: OutputFile[];
  /** Files the compiler owned that no longer belong to the output. */
  deletes: string[];
  /** Of the writes: files that do not exist yet. */
  missing: string[];
  /** Of the writes: files that exist with other content. */
  stale: string[];
  /** Of the stale files: those whose content differs from what the compiler last wrote (edited by hand). */
  edited: string[];
  /** Files in generated/ the compiler never wrote; left alone by compile, reported by check. */
  foreign: string[];
  unchanged: number;
  /** The content hash of each stale or deleted file as found (for the commit record; missing files have none). */
  before: Map<string, string>;
  /** A problem with the committed manifest, if any. */
  manifestProblem?: string;
}

/** Lists files on disk under generated/ (relative, '/'-separated, sorted by code unit; symlinks count as files). */
export function listOutputDir(outDir: string): string[] {
  if (!fs.statSync(outDir, { throwIfNoEntry: false })?.isDirectory()) return []; // a file there: every output is missing
  const out: string[] = [];
  // a plain walk: several times faster than a glob over thousands of tenant folders
  const walk = (abs: string, rel: string) => {
    for (const e of fs.readdirSync(abs, { withFileTypes: true })) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path.join(abs, e.name), p);
      else out.push(p);
    }
  };
  walk(outDir, "");
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * `listForeign` (check) lists generated/ to report files the compiler never wrote; compile leaves those
 * alone, so it skips the walk and learns what exists from the reads it does anyway.
 */
export function planOutput(
  outDir: string,
  desired: readonly OutputFile[],
  opts: {
    listForeign?: boolean;
    disk?: DiskState;
    alsoOwned?: readonly string[];
    knownManifest?: (hash: string) => Manifest | undefined;
    /** generated/ listed already (as listOutputDir gives it), or undefined: listed here. */
    listing?: () => string[] | undefined;
  } = { listForeign: true },
): Plan {
  // the fleet index in generated/ is read once, for its manifest and to compare it with the rendered one
  const index = desired.find((f) => f.path === MANIFEST && f.hash === undefined);
  const indexOnDisk = index ? readAhead(outDir, MANIFEST, opts.disk) : undefined;
  const indexSame = indexOnDisk !== undefined && sameText(indexOnDisk.content, index!.content);
  const found = indexOnDisk ? manifestOf(indexOnDisk.content, index!, indexSame, opts.knownManifest) : readManifest(outDir);
  const { problem } = found;
  // files an interrupted compile wrote before its manifest: the compiler's too (see output/recover.ts)
  const alsoOwned = (opts.alsoOwned ?? []).filter((p) => !found.manifest.has(p));
  const manifest: ReadonlyMap<string, string> = alsoOwned.length === 0 ? found.manifest : new Map([...found.manifest, ...alsoOwned.map((p) => [p, ""] as const)]);
  const wanted = new Set(desired.map((f) => f.path));
  const plan: Plan = { writes: [], deletes: [], missing: [], stale: [], edited: [], foreign: [], unchanged: 0, before: new Map(), ...(problem ? { manifestProblem: problem } : {}) };
  // a file whose folder is absent is missing: a folder is looked at once one of its files is found missing, and
  // its other files are not tried then (a first compile would otherwise try to open each of its thousands of
  // files; a full one would look at each of its thousands of folders)
  const absentFolders = new Set<string>();
  const folderAbsent = (rel: string) => absentFolders.has(path.posix.dirname(rel));
  const missing = (f: OutputFile) => {
    const dir = path.posix.dirname(f.path);
    if (dir !== "." && !absentFolders.has(dir) && absent(path.join(outDir, dir))) absentFolders.add(dir);
    plan.writes.push(f);
    plan.missing.push(f.path);
  };
  for (const f of desired) {
    let was: string;
    if (f.onDisk !== undefined && f.hash !== undefined) {
      // looked at by the tenant pool when it rendered the file
      if (!f.onDisk.found) {
        plan.writes.push(f);
        plan.missing.push(f.path);
        continue;
      }
      opts.disk?.remember(f.path, f.onDisk.stamp, f.onDisk.hash);
      if (f.onDisk.hash === f.hash) {
        plan.unchanged++;
        continue;
      }
      was = f.onDisk.hash;
    } else if (f.hash === undefined) {
      // a rendered file: its bytes compared with its text
      const onDisk = f === index && indexOnDisk ? indexOnDisk : folderAbsent(f.path) ? undefined : readOnDisk(outDir, f.path, opts.disk);
      if (onDisk === undefined) {
        missing(f);
        continue;
      }
      const same = onDisk === indexOnDisk ? indexSame : sameText(onDisk.content, f.content);
      // its stat and hash go to the disk state too, so the next run (a no-op compile, cache/unchanged-run.ts)
      // trusts its stat instead of reading it; equal bytes have the text's hash, which the fleet index computed
      if (onDisk.st) opts.disk!.remember(f.path, onDisk.st, () => hashOf(same ? f.content : onDisk.content));
      if (same) {
        plan.unchanged++;
        continue;
      }
      was = hashOf(onDisk.content);
    } else {
      // a file from the compile cache carries its hash, and renders its content only if it is needed (a file
      // known by its hash is looked up by stat first, which fails as cheaply)
      const found = folderAbsent(f.path) ? undefined : opts.disk ? hashOnDisk(outDir, f.path, opts.disk) : bytesHash(readIfPresent(outDir, f.path));
      if (found === undefined) {
        missing(f);
        continue;
      }
      if (found === f.hash) {
        plan.unchanged++;
        continue;
      }
      was = found;
    }
    plan.writes.push(f);
    plan.stale.push(f.path);
    plan.before.set(f.path, was);
    const owned = manifest.get(f.path);
    if (f.path !== MANIFEST && owned && owned !== was) plan.edited.push(f.path);
  }
  if (opts.listForeign) {
    for (const p of opts.listing?.() ?? listOutputDir(outDir)) {
      if (wanted.has(p)) continue;
      if (manifest.has(p)) plan.deletes.push(p);
      else plan.foreign.push(p);
    }
  } else {
    // the owned files that left the output, in path order (a few, of thousands owned: sorted once found)
    const gone = [...manifest.keys()].filter((p) => !wanted.has(p)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const p of gone) if (fs.existsSync(path.join(outDir, p))) plan.deletes.push(p);
  }
  for (const p of plan.deletes) {
    const content = readIfPresent(outDir, p);
    if (content !== undefined) plan.before.set(p, hashOf(content));
  }
  return plan;
}

/**
 * The manifest of the fleet index found in generated/: the rendered index's own map when the bytes are the same
 * (the text was written from it), or the one `known` for the bytes' hash (cache/last-manifest.ts), else parsed
 * from them (untrusted: output/manifest.ts).
 */
function manifestOf(bytes: Buffer, rendered: OutputFile, same: boolean, known?: (hash: string) => Manifest | undefined): { manifest: ReadonlyMap<string, string>; problem?: string } {
  const own = rendered.manifest;
  if (own && same && [...own.keys()].every(isSafeOutputPath)) return { manifest: own };
  const recorded = same ? undefined : known?.(hashOf(bytes));
  if (recorded) return { manifest: recorded };
  return parseManifest(bytes.toString("utf8"));
}

/**
 * A file's bytes (with their stat taken first, as readOnDisk does), read before the plan's walk; undefined when it
 * cannot be read: the walk then reads it as any other file, and reports what stands in the way in its turn.
 */
function readAhead(outDir: string, rel: string, disk?: DiskState): { content: Buffer; st?: fs.Stats } | undefined {
  try {
    return readOnDisk(outDir, rel, disk);
  } catch {
    return undefined;
  }
}

/** Only a plain "no such file" counts: anything odd in the way is left to the read, which reports it. */
function absent(abs: string): boolean {
  try {
    return fs.statSync(abs, { throwIfNoEntry: false }) === undefined;
  } catch {
    return false;
  }
}

/** The hash of a file's content, from the disk state when its stat is unchanged, else read (and recorded). */
function hashOnDisk(outDir: string, rel: string, disk: DiskState): string | undefined {
  const ahead = disk.stampAhead(rel);
  const st = ahead !== undefined ? ahead : statIfFile(path.join(outDir, rel)); // before the read: see DiskState.remember
  if (!st) return undefined;
  const known = disk.hashIfUnchanged(rel, st);
  if (known !== undefined) return known;
  const content = readIfPresent(outDir, rel);
  if (content === undefined) return undefined;
  const hash = hashOf(content);
  disk.remember(rel, st, hash);
  return hash;
}

/** The bytes of a file and, with a disk state, its stat taken before the read (see DiskState.remember). */
function readOnDisk(outDir: string, rel: string, disk?: DiskState): { content: Buffer; st?: fs.Stats } | undefined {
  const st = disk ? statIfFile(path.join(outDir, rel)) : undefined;
  const content = readIfPresent(outDir, rel);
  return content === undefined ? undefined : { content, st };
}

/**
 * Bytes that are `text` in UTF-8; fewer bytes than UTF-16 units (or more than three a unit) never are. Compared
 * as bytes: decoding would read bytes that are no UTF-8 as the replacement character a text may hold.
 */
export function sameText(bytes: Buffer, text: string): boolean {
  return bytes.length >= text.length && bytes.length <= 3 * text.length && bytes.equals(Buffer.from(text, "utf8"));
}

const bytesHash = (content: Buffer | undefined) => (content === undefined ? undefined : hashOf(content));

export function statIfFile(abs: string): fs.Stats | undefined {
  try {
    const st = fs.statSync(abs, { throwIfNoEntry: false });
    return st?.isFile() ? st : undefined;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOTDIR") return undefined;
    throw e;
  }
}

/**
 * The bytes of a file (not decoded: most are only hashed, and bytes cost the collector nothing). Whatever stands
 * where a file should (a folder, or a file where its folder should be) counts as no file: the write's preflight
 * reports it. A file that cannot be read is the user's to fix, located.
 */
function readIfPresent(outDir: string, rel: string): Buffer | undefined {
  try {
    return fs.readFileSync(path.join(outDir, rel));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR" || code === "EISDIR") return undefined;
    if (code === "EACCES" || code === "EPERM" || code === "EIO") throw new UserError([unreadable(`${path.basename(outDir)}/${rel}`, code)]);
    throw e;
  }
}

