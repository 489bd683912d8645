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
}

/** The next chunk to take; chunks posted by workers; set when a worker failed. */
export const NEXT = 0;
export const POSTED = 1;
export const FAILED = 2;
export const COUNTERS = 3;

/** FLEET_WORKERS=N: the worker threads asked for (0: none), for the compile's pool and validate's alike; undefined when unset. */
export function workersAsked(): number | undefined {
  const asked = Number.parseInt(process.env.FLEET_WORKERS ?? "", 10);
  return Number.isInteger(asked) && asked >= 0 ? asked : undefined;
}
