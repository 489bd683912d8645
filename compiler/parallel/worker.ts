// A worker thread of the tenant pool (parallel/pool.ts): loads the compiler while the main thread reads the
// platform, waits for the job, then takes chunks from the shared counter until none is left and posts each
// chunk's outcomes as plain data. Any failure is flagged, never thrown: the main thread does what is left.
import { workerData, type MessagePort } from "node:worker_threads";
import { saveWorkerCode } from "../bundle-dir";
import { FAILED, LISTING, LISTING_POSTED, LISTING_TAKEN, NEXT, POSTED, type Job, type WorkerStart } from "./protocol";

const { root, state, port } = workerData as WorkerStart & { port: MessagePort };
const counters = new Int32Array(state);

function fail(): void {
  Atomics.store(counters, FAILED, 1);
  Atomics.notify(counters, POSTED);
  port.close();
}

// an async function, not top-level await: the bundle's worker code is one CommonJS file (compiler/run.mjs)
async function serve(): Promise<void> {
  // loaded here, not imported above: a worker that cannot load the compiler says so (fail) instead of dying silently
  const { createReader } = await import("../load");
  const { toData, workChunk } = await import("./tenant-work");
  const { listOutputDir } = await import("../output/plan");
  const reader = createReader(root);
  port.once("message", ({ platform, outDir, tree, chunks, listDir }: Job) => {
    const ctx = { root, outDir, platform, reader, tree };
    try {
      for (let i = Atomics.add(counters, NEXT, 1); i < chunks.length; ) {
        const result = toData(workChunk(ctx, chunks[i]!));
        const next = Atomics.add(counters, NEXT, 1);
        // before its last chunk is posted, so that the process never ends while the cache is written (when one is:
        // after a new bundle, mostly)
        if (next >= chunks.length) saveWorkerCode();
        port.postMessage({ index: i, result });
        Atomics.add(counters, POSTED, 1);
        Atomics.notify(counters, POSTED);
        i = next;
      }
      if (listDir !== undefined && Atomics.compareExchange(counters, LISTING, 0, LISTING_TAKEN) === 0) {
        let listing: string[] | null = null;
        try {
          listing = listOutputDir(listDir);
        } catch {
          // the main thread lists it again, and reports what went wrong
        }
        port.postMessage({ listing });
        Atomics.store(counters, LISTING, LISTING_POSTED);
        Atomics.notify(counters, LISTING);
      }
      port.close();
    } catch {
      fail();
    }
  });
}

serve().catch(fail);
