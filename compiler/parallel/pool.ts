// Runs the per-tenant pipeline (parallel/tenant-work.ts) for many tenants at once. Workers start early, so
// they load the compiler while this thread reads the platform; then this thread and the workers take chunks
// of tenants from one shared counter until none is left, so a slow chunk never leaves a core idle. The wait
// for the workers' last chunks is synchronous (Atomics.wait): the compile stays one plain function. A worker
// that fails leaves its chunks to this thread: the same work done here gives the same result, errors included.
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";
import type { Platform } from "../schema/platform";
import type { StaticReader } from "../source/static-reader";
import { COUNTERS, FAILED, NEXT, POSTED, workersAsked, type Job, type WorkerStart } from "./protocol";
import { fromData, workChunk, type ChunkData, type ChunkResult, type WorkContext, type WorkItem } from "./tenant-work";

/** Tenants per chunk: small enough to balance the threads, large enough that messages cost little. */
const CHUNK = 16;
/** Below this many tenants a worker's start-up (loading the compiler again) costs more than it saves. */
const MIN_TENANTS = 200;
/** A chunk takes well under a second: workers silent this long are taken for dead (their chunks are done here). */
const STALLED_MS = 30_000;

/** What the last run did, for the benchmark's figures (compiler/run.mjs prints them; tests check that workers took part). */
const stats = { workers: 0, chunksByWorkers: 0 };
(globalThis as Record<symbol, unknown>)[Symbol.for("openedx-fleet.pool")] = stats;

/** The worker's entry in the compiler's bundle (compiler/run.mjs says where); none when running from the sources. */
function workerEntry(): URL | undefined {
  const bundle = (globalThis as Record<symbol, unknown>)[Symbol.for("openedx-fleet.bundle")];
  return typeof bundle === "string" ? pathToFileURL(path.join(bundle, "tenant-worker.mjs")) : undefined;
}

/** Workers to start for `tenants` tenants: one per further core, at most 3 (FLEET_WORKERS sets the number; 0: none). */
function workerCount(tenants: number): number {
  const asked = workersAsked();
  if (asked !== undefined) return Math.min(asked, Math.ceil(tenants / CHUNK));
  if (tenants < MIN_TENANTS) return 0;
  return Math.max(0, Math.min(3, os.availableParallelism() - 1, Math.ceil(tenants / (4 * CHUNK))));
}

export class TenantPool {
  private readonly counters: Int32Array;
  private constructor(
    private readonly ports: MessagePort[],
    state: SharedArrayBuffer,
  ) {
    this.counters = new Int32Array(state);
  }

  /**
   * Starts workers for about `tenants` tenants to come, when that many are worth it and the compiler runs from
   * its bundle (from the sources, in tests through tsx, a worker could not load TypeScript modules).
   */
  static start(root: string, tenants: number): TenantPool | undefined {
    const entry = workerEntry();
    const count = entry ? workerCount(tenants) : 0;
    if (!entry || count === 0) return undefined;
    const state = new SharedArrayBuffer(COUNTERS * Int32Array.BYTES_PER_ELEMENT);
    // one channel per worker: a port crosses to one thread only
    const ports = Array.from({ length: count }, () => {
      const { port1, port2 } = new MessageChannel();
      const start: WorkerStart & { port: MessagePort } = { root, state, port: port2 };
      const worker = new Worker(entry, { workerData: start, transferList: [port2] });
      worker.on("error", () => Atomics.store(new Int32Array(state), FAILED, 1));
      worker.unref(); // a pool never given a job does not keep the process alive
      return port1;
    });
    return new TenantPool(ports, state);
  }

  /** Every item's outcome, in item order; this thread works too. */
  run(ctx: WorkContext, items: readonly WorkItem[]): ChunkResult[] {
    const chunks: WorkItem[][] = [];
    for (let i = 0; i < items.length; i += CHUNK) chunks.push(items.slice(i, i + CHUNK));
    const job: Job = { platform: ctx.platform, outDir: ctx.outDir, chunks };
    for (const port of this.ports) port.postMessage(job);
    const results: (ChunkResult | undefined)[] = chunks.map(() => undefined);
    const { counters } = this;
    // FLEET_WORKERS_ONLY=1 leaves every chunk to the workers (tests compare their output with this thread's)
    const helping = process.env.FLEET_WORKERS_ONLY !== "1";
    for (let i = helping ? Atomics.add(counters, NEXT, 1) : chunks.length; i < chunks.length; i = Atomics.add(counters, NEXT, 1)) results[i] = workChunk(ctx, chunks[i]!);
    let progress = performance.now();
    for (;;) {
      this.receive(results);
      if (!results.includes(undefined) || Atomics.load(counters, FAILED) !== 0) break;
      if (Atomics.wait(counters, POSTED, Atomics.load(counters, POSTED), 50) !== "timed-out") progress = performance.now();
      else if (performance.now() - progress > STALLED_MS) break;
    }
    this.close();
    stats.workers = this.ports.length;
    stats.chunksByWorkers = Atomics.load(counters, POSTED);
    return results.map((r, i) => r ?? workChunk(ctx, chunks[i]!));
  }

  private receive(results: (ChunkResult | undefined)[]): void {
    for (const port of this.ports) {
      for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
        const { index, result } = m.message as { index: number; result: ChunkData };
        results[index] ??= fromData(result);
      }
    }
  }

  /** Lets the workers go (closing its port ends a worker waiting for a job). */
  close(): void {
    for (const port of this.ports) port.close();
  }
}

/** The items' outcomes, with a pool when one is given, else on this thread alone. */
export function runTenantWork(pool: TenantPool | undefined, ctx: WorkContext, items: readonly WorkItem[]): ChunkResult[] {
  if (pool) return pool.run(ctx, items);
  const out: ChunkResult[] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(workChunk(ctx, items.slice(i, i + CHUNK)));
  return out;
}
