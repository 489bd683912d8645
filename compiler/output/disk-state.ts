// What compile last read of each generated file: its stat and the hash of its content, in .cache/. A file whose
// size, times and inode are all unchanged is not read again (as git's index spares reading the work tree).
// Only settled stats are kept — the file's last change (ctime) well before the reading — so an edit made in the
// same clock tick as a read can never look unchanged; ctime moves on every change and cannot be set back.
import type fs from "node:fs";
import { FIELDS, readStateFile, writeStateFile } from "./disk-state-file";

/** A change this recent to a file may share its timestamps with an edit that follows: not trusted yet. */
export const SETTLE_MS = 2000;

// times as float milliseconds: two changes of a file are at least a clock tick apart, far above their precision
/** What the signature reads of a stat (a plain copy crosses threads: the tenant pool looks at files too). */
export type FileStamp = Pick<fs.Stats, "size" | "mtimeMs" | "ctimeMs" | "ino" | "dev">;
export const stampOf = ({ size, mtimeMs, ctimeMs, ino, dev }: FileStamp): FileStamp => ({ size, mtimeMs, ctimeMs, ino, dev });

/** The stamp's numbers and the content's hash, as saved (output/disk-state-file.ts). */
type Entry = [size: number, mtimeMs: number, ctimeMs: number, ino: number, dev: number, hash: string];
// compared number by number: a signature string per file cost two float-to-text conversions, for thousands of files per run
const sameStamp = (e: Entry, st: FileStamp) => e[0] === st.size && e[1] === st.mtimeMs && e[2] === st.ctimeMs && e[3] === st.ino && e[4] === st.dev;

export class DiskState {
  readonly stats = { trusted: 0, read: 0 };
  private readonly root: string;
  private readonly known = new Map<string, Entry>();
  private readonly seen = new Set<string>();
  private changed = false;

  /** `ahead`: stamps taken earlier in this run (output/stats-ahead.ts), by path; null: no plain file there. */
  constructor(
    root: string,
    private readonly opts: { readOnly?: boolean; now?: () => number; ahead?: ReadonlyMap<string, FileStamp | null> } = {},
  ) {
    this.root = root;
    // no state, or a damaged one: every file is read
    const data = readStateFile(root);
    if (data) {
      const { paths, numbers: n, hashes } = data;
      for (let i = 0, at = 0; i < paths.length; i++, at += FIELDS) this.known.set(paths[i]!, [n[at]!, n[at + 1]!, n[at + 2]!, n[at + 3]!, n[at + 4]!, hashes[i]!]);
    }
  }

  /** The stamp of `rel` taken ahead in this run: null for no plain file, undefined when none was taken. */
  stampAhead(rel: string): FileStamp | null | undefined {
    return this.opts.ahead?.get(rel);
  }

  /** The content hash of `rel` as last read, when its stat is exactly as it was then. */
  hashIfUnchanged(rel: string, st: FileStamp): string | undefined {
    this.seen.add(rel);
    const entry = this.known.get(rel);
    if (entry && sameStamp(entry, st)) {
      this.stats.trusted++;
      return entry[5];
    }
    this.stats.read++;
    return undefined;
  }

  /** Records what was read; `st` must be taken before the read, so a change during it only causes a re-read. */
  remember(rel: string, st: FileStamp, hash: string | (() => string)): void {
    this.seen.add(rel);
    const now = this.opts.now?.() ?? Date.now();
    if (this.opts.readOnly || st.ctimeMs > now - SETTLE_MS) return; // a read-only state is never saved: nothing to hash
    // a hash to compute is computed only for a stat that is kept
    const h = typeof hash === "string" ? hash : hash();
    const prior = this.known.get(rel);
    if (prior && sameStamp(prior, st) && prior[5] === h) return;
    this.known.set(rel, [st.size, st.mtimeMs, st.ctimeMs, st.ino, st.dev, h]);
    this.changed = true;
  }

  /** Keeps the files looked up in this run only (others left the output). */
  save(): void {
    if (this.opts.readOnly) return;
    const paths: string[] = [];
    const hashes: string[] = [];
    const numbers = new Float64Array(this.known.size * FIELDS);
    for (const [p, e] of this.known) {
      if (!this.seen.has(p)) continue;
      for (let f = 0, at = paths.length * FIELDS; f < FIELDS; f++) numbers[at + f] = e[f] as number;
      paths.push(p);
      hashes.push(e[5]);
    }
    if (!this.changed && paths.length === this.known.size) return;
    try {
      writeStateFile(this.root, { paths, numbers: numbers.subarray(0, paths.length * FIELDS), hashes });
    } catch {
      // a state we cannot save only costs speed: every file is read next time
    }
  }
}
