// Where the compiler's bundle is, when it runs from one (compiler/run.mjs sets it), and how a worker thread starts
// from it. Undefined when the sources run through tsx (tests), whose workers cannot load TypeScript modules.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker, type WorkerOptions } from "node:worker_threads";

export function bundleDir(): string | undefined {
  const dir = (globalThis as Record<symbol, unknown>)[Symbol.for("openedx-fleet.bundle")];
  return typeof dir === "string" ? dir : undefined;
}

/** The bundle's worker entries (compiler/run.mjs builds them), each one CommonJS file. */
export type WorkerEntry = "tenant-worker" | "stat-worker" | "validate-worker";

/** A worker thread running the bundle's `entry` (worker-start.cjs loads it through V8's code cache); undefined without a bundle. */
export function startBundleWorker(entry: WorkerEntry, options: Omit<WorkerOptions, "argv" | "eval">): Worker | undefined {
  const dir = bundleDir();
  if (dir === undefined) return undefined;
  const start = fileURLToPath(new URL("./worker-start.cjs", import.meta.url));
  return new Worker(start, { ...options, argv: [path.join(dir, `${entry}.cjs`)] });
}

/** In a worker thread started so, once its work is done: keeps what V8 compiled for it, for the next run's workers. */
export function saveWorkerCode(): void {
  const save = (globalThis as Record<symbol, unknown>)[Symbol.for("openedx-fleet.save-worker-code")];
  if (typeof save === "function") save();
}
