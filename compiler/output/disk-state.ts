// What compile last read of each generated file: its stat and the hash of its content, in .cache/. A file whose
// size, times and inode are all unchanged is not read again (as git's index spares reading the work tree).
// Only settled stats are kept — the file's last change (ctime) well before the reading — so an edit made in the
// same clock tick as a read can never look unchanged; ctime moves on every change and cannot be set back.
import fs from "node:fs";
import path from "node:path";
import { readChecksummed, writeChecksummed } from "../cache/checksummed";

const FORMAT = "disk-state-2";
export const diskStateFile = (root: string) => path.join(root, ".cache", "generated-state.json");
/** A change this recent to a file may share its timestamps with an edit that follows: not trusted yet. */
export const SETTLE_MS = 2000;

// times as float milliseconds: two changes of a file are at least a clock tick apart, far above their precision
/** What the signature reads of a stat (a plain copy crosses threads: the tenant pool looks at files too). */
export type FileStamp = Pick<fs.Stats, "size" | "mtimeMs" | "ctimeMs" | "ino" | "dev">;
export const stampOf = ({ size, mtimeMs, ctimeMs, ino, dev }: FileStamp): FileStamp => ({ size, mtimeMs, ctimeMs, ino, dev });

/** The stamp's numbers and the content's hash, as saved (numbers survive JSON exactly). */
type Entry = [size: number, mtimeMs: number, ctimeMs: number, ino: number, dev: number, hash: string];
// compared number by number: a signature string per file cost two float-to-text conversions, for thousands of files per run
const sameStamp = (e: Entry, st: FileStamp) => e[0] === st.size && e[1] === st.mtimeMs && e[2] === st.ctimeMs && e[3] === st.ino && e[4] === st.dev;

export class DiskState {
  readonly stats = { trusted: 0, read: 0 };
  private readonly file: string;
  private readonly known = new Map<string, Entry>();
  private readonly seen = new Set<string>();
  private changed = false;

  /** `ahead`: stamps taken earlier in this run (output/stats-ahead.ts), by path; null: no plain file there. */
  constructor(
    root: string,
    private readonly opts: { readOnly?: boolean; now?: () => number; ahead?: ReadonlyMap<string, FileStamp | null> } = {},
  ) {
    this.file = diskStateFile(root);
    // no state, or a damaged one: every file is read
    const data = readChecksummed(this.file) as { format?: unknown; files?: Record<string, Entry> } | undefined;
    if (data?.format === FORMAT) for (const [p, entry] of Object.entries(data.files ?? {})) this.known.set(p, entry);
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
    const kept = [...this.known].filter(([p]) => this.seen.has(p));
    if (this.opts.readOnly || (!this.changed && kept.length === this.known.size)) return;
    try {
      writeChecksummed(this.file, { format: FORMAT, files: Object.fromEntries(kept) });
    } catch {
      // a state we cannot save only costs speed: every file is read next time
    }
  }
}
