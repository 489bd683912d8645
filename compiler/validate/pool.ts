// The files of a validate run scanned (scan-files.ts) by a pool of threads: the main thread and up to
// `threads - 1` workers take chunks of files from one queue until it is empty, so a worker that starts late
// or a slow chunk never leaves a core idle. Results are put back in the files' order: the report is the same
// whatever the number of threads. A worker that fails is an internal error (exit 2), never a silent fallback.
import { createRequire } from "node:module";
import { bundleDir, saveWorkerCode, startBundleWorker } from "../bundle-dir";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import type { ObjectValidator } from "./kube-schemas";
import { makeValidator, readAhead, scanFile, type FileScan, type ValidatorSpec } from "./scan-files";

// files per message: large enough that messages cost little, small enough to share the last ones out evenly
const CHUNK = 16;
// chunks a worker holds: one in work and the rest waiting, so that it never waits for the main thread, which
// hands chunks out only between its own (and one of those may take long: compiling a validator)
const AHEAD = 4;
const ROLE = "fleet-validate-scan";

interface Job {
  role: typeof ROLE;
  root: string;
  spec: ValidatorSpec;
}
interface Chunk {
  first: number;
  files: string[];
}
type Reply = { ready: true } | { first: number; scans: FileScan[] };

// this module is also each worker's entry: the worker runs the same file (the source, or its bundled chunk)
if (!isMainThread && (workerData as Job | undefined)?.role === ROLE) void serve(workerData as Job);

async function serve(job: Job): Promise<void> {
  const port = parentPort!;
  const validator = await makeValidator(job.spec);
  // chunks in the order given, each read ahead from the moment it arrives
  const queue: { chunk: Chunk; texts: Promise<(string | undefined)[]> }[] = [];
  let draining = false;
  const drain = async () => {
    draining = true;
    for (let next = queue.shift(); next; next = queue.shift()) {
      const texts = await next.texts;
      const { first, files } = next.chunk;
      port.postMessage({ first, scans: files.map((f, i) => scanFile(job.root, f, validator, texts[i])) } satisfies Reply);
      // lets the next chunks in, so that their reads start
      await new Promise((resolve) => setImmediate(resolve));
    }
    draining = false;
  };
  port.on("message", (chunk: Chunk | null) => {
    // told to stop only once every chunk is answered; what V8 compiled is kept for the next run's workers first
    if (!chunk) {
      saveWorkerCode();
      return port.close();
    }
    queue.push({ chunk, texts: readAhead(chunk.files) });
    if (!draining) void drain();
  });
  port.postMessage({ ready: true } satisfies Reply);
}

/** A worker running this module: the bundle's entry for it, or (sources run through tsx, as in tests) its source. */
function startWorker(job: Job): Worker {
  const bundled = startBundleWorker("validate-worker", { workerData: job });
  if (bundled) return bundled;
  const entry = fileURLToPath(import.meta.url);
  // tsx's ESM hooks do not reach worker threads on Node 20: its require hook loads the sources there
  const tsx = createRequire(entry).resolve("tsx/cjs/api");
  return new Worker(`require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(entry)});`, { eval: true, workerData: job });
}

/** One worker and what it is doing. */
interface Hand {
  worker: Worker;
  ready: boolean;
  /** Chunks given and not answered yet. */
  inFlight: number;
  /** Told to stop (no chunk left). */
  stopped: boolean;
  exited: boolean;
  /** An error, or an exit before it was told to stop: a bug, reported as one. */
  failure?: Error;
  /** Set while a scan runs: the next chunk, where its results go, and the scan's wait for this worker. */
  run?: { take: () => Chunk | undefined; done: (first: number, scans: FileScan[]) => void; settle: () => void };
}

/** Worker threads started ahead of the file list (their start-up overlaps the main thread's), then given chunks. */
export class ScanPool {
  private hands: Hand[] = [];
  /** Files scanned by the workers (the rest by the main thread). */
  scannedByWorkers = 0;

  constructor(
    private readonly root: string,
    spec: ValidatorSpec,
    workers: number,
  ) {
    // a worker running the sources through tsx cannot import the packaged schemas (see makeValidator): none then
    if (bundleDir() === undefined && spec.kind === "packaged") workers = 0;
    for (let w = 0; w < workers; w++) {
      const hand: Hand = { worker: startWorker({ role: ROLE, root, spec }), ready: false, inFlight: 0, stopped: false, exited: false };
      // listening from the start: a reply that finds no listener is lost
      hand.worker.on("message", (reply: Reply) => {
        if ("scans" in reply) {
          hand.inFlight--;
          this.scannedByWorkers += reply.scans.length;
          hand.run?.done(reply.first, reply.scans);
        } else hand.ready = true;
        this.fill(hand);
      });
      hand.worker.on("error", (e: Error) => (hand.failure ??= e));
      hand.worker.on("exit", (code) => {
        hand.exited = true;
        if (!hand.stopped) hand.failure ??= new Error(`exited with code ${code}`);
        hand.run?.settle();
      });
      this.hands.push(hand);
    }
  }

  /** Gives a worker chunks until it holds AHEAD of them; with none left, tells it to stop once idle. */
  private fill(hand: Hand): void {
    while (hand.run && hand.ready && !hand.exited && !hand.stopped && hand.inFlight < AHEAD) {
      const chunk = hand.run.take();
      if (chunk) {
        hand.inFlight++;
        hand.worker.postMessage(chunk);
        continue;
      }
      if (hand.inFlight === 0) {
        hand.stopped = true;
        hand.worker.postMessage(null);
      }
      return;
    }
  }

  /**
   * Scans `files` (absolute paths) on the main thread, with `validator` (built from the pool's spec), and the
   * workers; `workersOnly` leaves the main thread out (when there are workers), for tests to see them work.
   */
  async scan(files: readonly string[], validator: ObjectValidator, workersOnly = false): Promise<FileScan[]> {
    const results: FileScan[] = new Array<FileScan>(files.length);
    let next = 0;
    const take = (): Chunk | undefined => {
      if (next >= files.length) return undefined;
      const first = next;
      next = Math.min(files.length, next + CHUNK);
      return { first, files: files.slice(first, next) };
    };
    const done = (first: number, scans: FileScan[]) => scans.forEach((s, i) => (results[first + i] = s));
    const finished = this.hands.map(
      (hand) =>
        new Promise<void>((settle) => {
          hand.run = { take, done, settle };
          if (hand.exited) settle();
          this.fill(hand);
        }),
    );
    try {
      const mainScans = !workersOnly || this.hands.length === 0;
      // each chunk is read while the one before is scanned
      let chunk = mainScans ? take() : undefined;
      let texts = chunk && readAhead(chunk.files);
      while (chunk) {
        const next = take();
        const nextTexts = next && readAhead(next.files);
        const got = await texts!;
        done(chunk.first, chunk.files.map((f, i) => scanFile(this.root, f, validator, got[i])));
        // lets the workers' replies in, so they are given their next chunk without waiting
        await new Promise((resolve) => setImmediate(resolve));
        [chunk, texts] = [next, nextTexts];
      }
      await Promise.all(finished);
      const failed = this.hands.find((h) => h.failure);
      if (failed) throw new Error(`a validate worker thread failed: ${failed.failure!.stack ?? failed.failure!.message}`);
    } finally {
      this.close();
    }
    return results;
  }

  /** Stops the workers (not waited for: their work is done); the main thread scans alone after. */
  close(): void {
    for (const hand of this.hands.splice(0)) void hand.worker.terminate();
  }
}
