// The no-op compile without the compiler: when nothing a compile reads has changed since the last successful
// one, and generated/ still holds exactly what it wrote, the result is known: the same files, the same
// warnings. This module answers that from .cache/ while loading nothing but Node's own modules (no parser,
// no schemas, no renderers), so an unchanged run costs little more than Node's start-up.
//
// What the compile reads, all in the key: every file under platform/ and tenants/ (by path and content),
// the compiler's version, the options, and the commit HEAD names (the lifecycle guards compare with its
// fleet index and its history). generated/ is judged as compile judges it (output/disk-state.ts): each file
// must have the very stat signature recorded when it was last read, settled, with the expected hash; any
// other file (just written, or compared by content, as the platform's) is read and hashed, and its stat
// recorded for the next run as compile records it. Any
// doubt — no record, a git state that cannot be read from files, an interrupted compile's staging — and the
// full compile runs.
import { hash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Diagnostic } from "../diagnostics";
import { headCommit, outsideGit } from "../fleet/git-head";
import { DiskState, SETTLE_MS } from "../output/disk-state";
import { stagingDir } from "../output/commit-record";
import { hashOf, manifestIn, MANIFEST } from "../output/manifest";
import type { OutputFile } from "../render/files";
import { readChecksummed, writeChecksummed } from "./checksummed";
import { compilerVersion } from "./compiler-version";

const FORMAT = "unchanged-run-2";
const recordFile = (root: string) => path.join(root, ".cache", "last-compile.json");

export interface RunRecord {
  format: string;
  key: string;
  tenants: number;
  /** The hash of generated/fleet.json as written: its manifest gives every other output file's hash. */
  manifest: string;
  /** How many files the compile wrote, fleet.json included. */
  files: number;
  warnings: Diagnostic[];
}

/** Every regular file under `dir`, as sorted paths relative to root ('/'-separated). */
function filesUnder(root: string, dir: string, out: string[] = []): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(path.join(root, dir), { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) filesUnder(root, rel, out);
    else if (e.isFile()) out.push(rel);
    else out.push(`${rel}\0other`); // a link or device: its target could change unseen, so it is named only
  }
  return out;
}

/**
 * What one reading of the inputs found: the key, each file's bytes (the compile reads them from here rather
 * than from the disk a second time) and their stats taken before the reads (to tell cheaply, after the compile,
 * whether any changed meanwhile).
 */
export interface InputsRead {
  key: string;
  bytes: Map<string, Buffer>;
  stamps: string;
  /** Whether every stat was settled (changed SETTLE_MS before): only then does an equal stat prove equal bytes. */
  settled: boolean;
}

/** Every input file (platform/ and tenants/), sorted; the stamp of one as read; the commit HEAD names. */
const inputFiles = (root: string) => [...filesUnder(root, "platform"), ...filesUnder(root, "tenants")].sort();
const stampOf = (rel: string, st: fs.Stats) => `${rel}\0${st.size}:${st.mtimeMs}:${st.ctimeMs}:${st.ino}`;
const headOf = (head: ReturnType<typeof headCommit>) => (head ? `${head.commit}:${head.prefix}` : "no git");

/** Everything a compile of `root` with `options` reads, read once; undefined when it cannot be known cheaply. */
export function readInputs(root: string, options: Record<string, unknown>): InputsRead | undefined {
  const head = headCommit(root);
  // a git state we cannot read from files (or git pointed elsewhere by its environment): the full run asks git
  if (!head && !outsideGit(root)) return undefined;
  const parts = [FORMAT, compilerVersion(), JSON.stringify(Object.entries(options).sort(([a], [b]) => (a < b ? -1 : 1))), headOf(head)];
  const bytes = new Map<string, Buffer>();
  const stamps = [headOf(head)];
  let settled = true;
  const now = Date.now();
  for (const rel of inputFiles(root)) {
    if (rel.endsWith("\0other")) {
      parts.push(rel, "");
      continue;
    }
    const abs = path.join(root, rel);
    const st = fs.statSync(abs); // before the read (see output/disk-state.ts)
    const content = fs.readFileSync(abs);
    bytes.set(abs, content);
    stamps.push(stampOf(rel, st));
    if (st.ctimeMs > now - SETTLE_MS) settled = false;
    parts.push(rel, content.toString("latin1"));
  }
  return { key: hash("sha256", parts.join("\0"), "hex"), bytes, stamps: stamps.join("\n"), settled };
}

/** Whether the inputs are still those read (their stats, when settled; else their content, read again). */
export function inputsUnchanged(root: string, options: Record<string, unknown>, read: InputsRead): boolean {
  if (!read.settled) return readInputs(root, options)?.key === read.key;
  const stamps = [headOf(headCommit(root))];
  for (const rel of inputFiles(root)) {
    if (rel.endsWith("\0other")) continue;
    const st = fs.statSync(path.join(root, rel), { throwIfNoEntry: false });
    if (!st) return false;
    stamps.push(stampOf(rel, st));
  }
  return stamps.join("\n") === read.stamps;
}

/**
 * The last compile's record when this run would repeat it exactly; undefined means: run the compiler. Outside
 * git, the lifecycle guards read generated/fleet.json from disk, and it is one of the files checked here.
 */
export function unchangedRun(root: string, options: Record<string, unknown>): RunRecord | undefined {
  return lookUp(root, options).record;
}

/** The record when this run repeats it; else the key of this run's inputs (to record it by, when known). */
export function lookUp(root: string, options: Record<string, unknown>): { record?: RunRecord; inputs?: InputsRead } {
  if (fs.existsSync(stagingDir(root))) return {}; // an interrupted compile: the full run deals with it
  const inputs = readInputs(root, options);
  const record = readChecksummed(recordFile(root)) as RunRecord | undefined;
  if (record?.format !== FORMAT || typeof record.manifest !== "string" || !Array.isArray(record.warnings) || inputs?.key !== record.key) return { inputs };
  return sameOutput(root, record) ? { record } : { inputs };
}

function sameOutput(root: string, record: RunRecord): boolean {
  const disk = new DiskState(root);
  const outDir = path.join(root, "generated");
  let text: Buffer;
  try {
    text = fs.readFileSync(path.join(outDir, MANIFEST));
  } catch {
    return false;
  }
  if (hashOf(text) !== record.manifest) return false;
  const files = manifestIn(text.toString("utf8"));
  if (files.size + 1 !== record.files) return false;
  for (const [rel, expected] of files) {
    const abs = path.join(outDir, rel);
    const st = fs.statSync(abs, { throwIfNoEntry: false }); // before the read: see DiskState.remember
    if (!st?.isFile()) return false;
    let found = disk.hashIfUnchanged(rel, st);
    if (found === undefined) {
      found = hashOf(fs.readFileSync(abs));
      disk.remember(rel, st, found);
    }
    if (found !== expected) return false;
  }
  disk.save();
  return true;
}

/**
 * Records a successful compile's result under the key of its inputs (taken before it ran); only when the
 * fleet index's manifest names exactly the other files written, with their hashes, as the shortcut relies on.
 */
export function rememberRun(root: string, key: string | undefined, written: readonly OutputFile[], result: Pick<RunRecord, "tenants" | "warnings">): void {
  if (key === undefined) return;
  const index = written.find((f) => f.path === MANIFEST);
  if (!index) return;
  const files = index.manifest ?? manifestIn(index.content);
  if (files.size + 1 !== written.length || written.some((f) => f.path !== MANIFEST && (f.hash === undefined ? !files.has(f.path) : files.get(f.path) !== f.hash))) return;
  try {
    writeChecksummed(recordFile(root), { format: FORMAT, key, manifest: hashOf(index.content), files: written.length, ...result } satisfies RunRecord);
  } catch {
    // a cache we cannot write only costs speed
  }
}
