// Starts the tenant pool's worker threads (parallel/worker.ts), apart from the pool itself, so that compile and
// check can start them before loading the compiler: the workers load it on the other cores meanwhile, and are
// ready when the first tenants are. Only the bundle has a worker entry (compiler/run.mjs says where).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { MessageChannel, type MessagePort } from "node:worker_threads";
import { bundleDir, startBundleWorker } from "../bundle-dir";
import { cacheDir, packNames } from "../cache/pack";
import { COUNTERS, FAILED, workersAsked, type WorkerStart } from "./protocol";

/** Tenants per chunk: small enough to balance the threads, large enough that messages cost little. */
export const CHUNK = 16;
/** Below this many tenants a worker's start-up (loading the compiler again) costs more than it saves. */
const MIN_TENANTS = 200;

/** Started workers: one port each, and the counters they share. */
export interface Workers {
  root: string;
  ports: MessagePort[];
  state: SharedArrayBuffer;
}

/** Workers to start for `tenants` tenants: one per further core, at most 3 (FLEET_WORKERS sets the number; 0: none). */
function workerCount(tenants: number): number {
  const asked = workersAsked();
  if (asked !== undefined) return Math.min(asked, Math.ceil(tenants / CHUNK));
  if (tenants < MIN_TENANTS) return 0;
  return Math.max(0, Math.min(3, os.availableParallelism() - 1, Math.ceil(tenants / (4 * CHUNK))));
}

/** Starts workers for about `tenants` tenants to come, when that many are worth it and the compiler runs from its bundle. */
export function startWorkers(root: string, tenants: number): Workers | undefined {
  const count = bundleDir() === undefined ? 0 : workerCount(tenants);
  if (count === 0) return undefined;
  const state = new SharedArrayBuffer(COUNTERS * Int32Array.BYTES_PER_ELEMENT);
  // one channel per worker: a port crosses to one thread only
  const ports = Array.from({ length: count }, () => {
    const { port1, port2 } = new MessageChannel();
    const start: WorkerStart & { port: MessagePort } = { root, state, port: port2 };
    const worker = startBundleWorker("tenant-worker", { workerData: start, transferList: [port2] })!;
    worker.on("error", () => Atomics.store(new Int32Array(state), FAILED, 1));
    worker.unref(); // workers never given a job do not keep the process alive
    return port1;
  });
  return { root, ports, state };
}

// The workers started early: on globalThis, since compiler/run.mjs starts them from a file of the bundle of its
// own (start-early.ts), before it loads the compiler's, which takes them: each file has its own copy of this module.
const EARLY = Symbol.for("openedx-fleet.early-workers");
const shared = globalThis as unknown as Record<typeof EARLY, Workers | undefined>;

/**
 * Starts workers now for a compile or check of `root` that will need them: a fleet of many tenants whose tenant
 * cache is empty (`cached`: false when the command ignores the cache). A guess from file names only: the pool
 * takes them (takeEarlyWorkers) or they end unused.
 */
export function startWorkersEarly(root: string, opts: { cached: boolean }): void {
  if (shared[EARLY] || (opts.cached && packNames(cacheDir(root)).length > 0)) return;
  let tenants = 0;
  try {
    for (const name of fs.readdirSync(path.join(root, "tenants"))) if (name.endsWith(".ts") && !name.endsWith(".d.ts")) tenants++;
  } catch {
    return;
  }
  shared[EARLY] = startWorkers(root, tenants);
}

/** The workers started early for `root`, once; undefined when none were. */
export function takeEarlyWorkers(root: string): Workers | undefined {
  const taken = shared[EARLY]?.root === root ? shared[EARLY] : undefined;
  if (taken) shared[EARLY] = undefined;
  return taken;
}
