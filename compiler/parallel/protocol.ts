// What the tenant pool's threads share (parallel/pool.ts and worker.ts).
import type { Platform } from "../schema/platform";
import type { WorkItem } from "./tenant-work";

/** What every worker starts with: the fleet, and `state`, the counters below as an Int32Array. */
export interface WorkerStart {
  root: string;
  state: SharedArrayBuffer;
}

/** The job a worker waits for once started (none comes when the compile cache holds every tenant). */
export interface Job {
  platform: Platform;
  outDir: string;
  /** A first compile's tree to write into (WorkContext.tree). */
  tree?: string;
  chunks: WorkItem[][];
  /** check's generated/, listed by the first worker out of chunks while this thread goes on alone (TenantPool.listing). */
  listDir?: string;
}

/** The next chunk to take; chunks posted by workers; set when a worker failed; the listing's state (LISTING_*). */
export const NEXT = 0;
export const POSTED = 1;
export const FAILED = 2;
export const LISTING = 3;
export const COUNTERS = 4;
/** A worker has taken the listing; it has posted it. */
export const LISTING_TAKEN = 1;
export const LISTING_POSTED = 2;

/** FLEET_WORKERS=N: the worker threads asked for (0: none), for the compile's pool and validate's alike; undefined when unset. */
export function workersAsked(): number | undefined {
  const asked = Number.parseInt(process.env.FLEET_WORKERS ?? "", 10);
  return Number.isInteger(asked) && asked >= 0 ? asked : undefined;
}
