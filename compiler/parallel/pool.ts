// Runs the per-tenant pipeline (parallel/tenant-work.ts) for many tenants at once. Workers start early, so
// they load the compiler while this thread reads the platform; then this thread and the workers take chunks
// of tenants from one shared counter until none is left, so a slow chunk never leaves a core idle. The wait
// for the workers' last chunks is synchronous (Atomics.wait): the compile stays one plain function. A worker
// that fails leaves its chunks to this thread: the same work done here gives the same result, errors included.
import { receiveMessageOnPort, type MessagePort } from "node:worker_threads";
import type { Platform } from "../schema/platform";
import type { StaticReader } from "../source/static-reader";
import { FAILED, LISTING, LISTING_POSTED, NEXT, POSTED, type Job } from "./protocol";
import { CHUNK, startWorkers, takeEarlyWorkers } from "./spawn";
import { fromData, PLATFORM_FILES, workChunk, type ChunkData, type ChunkResult, type WorkContext, type WorkItem } from "./tenant-work";

/** A chunk takes well under a second: workers silent this long are taken for dead (their chunks are done here). */
const STALLED_MS = 30_000;

/** What the last run did, for the benchmark's figures (compiler/run.mjs prints them; tests check that workers took part). */
const stats = { workers: 0, chunksByWorkers: 0, listedByWorker: false };
(globalThis as Record<symbol, unknown>)[Symbol.for("openedx-fleet.pool")] = stats;

export class TenantPool {
  private readonly counters: Int32Array;
  /** Asked for with the job; the listing once received (null: the worker could not list). */
  private listDir: string | undefined;
  private listed: string[] | null | undefined;
  private constructor(
    private readonly ports: MessagePort[],
    state: SharedArrayBuffer,
  ) {
    this.counters = new Int32Array(state);
  }

  /**
   * A pool for about `tenants` tenants to come: the workers started early for this fleet (parallel/spawn.ts), or
   * new ones when that many tenants are worth it and the compiler runs from its bundle (from the sources, in tests
   * through tsx, a worker could not load TypeScript modules).
   */
  static start(root: string, tenants: number): TenantPool | undefined {
    const workers = takeEarlyWorkers(root) ?? startWorkers(root, tenants);
    return workers ? new TenantPool(workers.ports, workers.state) : undefined;
  }

  /**
   * Every item's outcome, in item order; this thread works too. `listDir`: a folder the first worker out of
   * chunks lists meanwhile (take it with `listing`).
   */
  run(ctx: WorkContext, chunks: WorkItem[][], listDir?: string): ChunkResult[] {
    this.listDir = listDir;
    const job: Job = { platform: ctx.platform, outDir: ctx.outDir, ...(ctx.tree ? { tree: ctx.tree } : {}), chunks, ...(listDir ? { listDir } : {}) };
    for (const port of this.ports) port.postMessage(job);
    const results: (ChunkResult | undefined)[] = chunks.map(() => undefined);
    const { counters } = this;
    // FLEET_WORKERS_ONLY=1 leaves every chunk to the workers (tests compare their output with this thread's)
    const helping = process.env.FLEET_WORKERS_ONLY !== "1";
    for (let i = helping ? Atomics.add(counters, NEXT, 1) : chunks.length; i < chunks.length; i = Atomics.add(counters, NEXT, 1)) {
      results[i] = workChunk(ctx, chunks[i]!);
      // the workers' chunks are taken in as they come, between this thread's own: not all at the end, after
      // the last chunk, when nothing else is left to do in parallel
      this.receive(results);
    }
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
        const message = m.message as { index: number; result: ChunkData } | { listing: string[] | null };
        if ("listing" in message) this.listed = message.listing;
        else results[message.index] ??= fromData(message.result);
      }
    }
  }

  /**
   * The sorted listing of `listDir` (as output/plan.ts's listOutputDir gives it) made by a worker; undefined when
   * none was made (no worker left, or it could not list): the caller lists it itself.
   */
  listing(): string[] | undefined {
    const { counters } = this;
    const started = performance.now();
    while (this.listDir !== undefined && this.listed === undefined && Atomics.load(counters, FAILED) === 0 && performance.now() - started < STALLED_MS) {
      this.receive([]);
      const state = Atomics.load(counters, LISTING);
      if (this.listed !== undefined) break;
      Atomics.wait(counters, LISTING, state, state === LISTING_POSTED ? 1 : 50);
    }
    this.receive([]);
    this.listDir = undefined;
    this.close();
    stats.listedByWorker = Boolean(this.listed);
    return this.listed ?? undefined;
  }

  /** Lets the workers go (closing its port ends a worker waiting for a job), unless a listing is still to come. */
  close(): void {
    if (this.listDir !== undefined && this.listed === undefined && Atomics.load(this.counters, FAILED) === 0) return;
    for (const port of this.ports) port.close();
  }
}

/** Tenants near the end in small chunks: the thread that finishes first waits for the others' last chunk. */
const LAST_SMALL = 64;
const SMALL = 4;

/** The items in chunks of CHUNK, the last LAST_SMALL of them in chunks of SMALL. */
export function chunksOf<T>(items: readonly T[]): T[][] {
  const chunks: T[][] = [];
  const large = Math.max(0, items.length - LAST_SMALL);
  for (let i = 0; i < large; i += CHUNK) chunks.push(items.slice(i, Math.min(i + CHUNK, large)));
  for (let i = large; i < items.length; i += SMALL) chunks.push(items.slice(i, i + SMALL));
  return chunks;
}

/**
 * The items' outcomes, with a pool when one is given, else on this thread alone; `platformFiles`: a first chunk of
 * its own renders the platform's own files too (ChunkResult.platformFiles).
 */
export function runTenantWork(pool: TenantPool | undefined, ctx: WorkContext, items: readonly WorkItem[], opts: { platformFiles?: boolean; listDir?: string } = {}): ChunkResult[] {
  const chunks = [...(opts.platformFiles ? [[PLATFORM_FILES]] : []), ...chunksOf(items)];
  if (pool) return pool.run(ctx, chunks, opts.listDir);
  return chunks.map((chunk) => workChunk(ctx, chunk));
}
