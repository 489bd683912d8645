// What output/stats-ahead.ts and its thread (output/stat-worker.ts) share.
export interface StatsAheadStart {
  root: string;
  /** Int32 [files stat'ed so far, 1 once the stamps are posted]. */
  progress: SharedArrayBuffer;
}

export const DONE = 1;

/** size, mtimeMs, ctimeMs, ino, dev: a FileStamp as numbers (size NaN: no plain file; -1: not known). */
export const STAMP_FIELDS = 5;
