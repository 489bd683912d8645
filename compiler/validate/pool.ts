// The files of a validate run scanned (scan-files.ts) by a pool of threads: the main thread and up to
// `threads - 1` workers take chunks of files from one queue until it is empty, so a worker that starts late
// or a slow chunk never leaves a core idle. Results are put back in the files' order: the report is the same
// whatever the number of threads. A worker that fails hands its chunk back to the main thread.
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import type { ObjectValidator } from "./kube-schemas";
import { makeValidator, scanFile, type FileScan, type ValidatorSpec } from "./scan-files";

// files per message: large enough that messages cost little, small enough to share the last ones out evenly
const CHUNK = 24;
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
  port.on("message", (chunk: Chunk | null) => {
    if (!chunk) return port.close();
    port.postMessage({ first: chunk.first, scans: chunk.files.map((f) => scanFile(job.root, f, validator)) } satisfies Reply);
  });
  port.postMessage({ ready: true } satisfies Reply);
}

/** One worker's state: whether it has started, the chunks it holds, and how its replies are handled. */
interface Hand {
  worker: Worker;
  ready: boolean;
  inFlight: Chunk[];
  /** Set while a scan runs: the next chunk to give it (none: tell it to stop), a reply's results, its end. */
  run?: { take: () => Chunk | undefined; done: (first: number, scans: FileScan[]) => void; ended: () => void };
  exited: boolean;
}

/** Worker threads started ahead of the file list (their start-up overlaps the main thread's), then given chunks. */
export class ScanPool {
  private hands: Hand[] = [];

  constructor(
    private readonly root: string,
    spec: ValidatorSpec,
    workers: number,
  ) {
    for (let w = 0; w < workers; w++) {
      const hand: Hand = { worker: new Worker(import.meta.filename, { workerData: { role: ROLE, root, spec } satisfies Job }), ready: false, inFlight: [], exited: false };
      // listening from the start: a reply that finds no listener is lost
      hand.worker.on("message", (reply: Reply) => {
        if ("scans" in reply) {
          hand.inFlight.shift();
          hand.run?.done(reply.first, reply.scans);
        } else hand.ready = true;
        this.send(hand);
        if (!("scans" in reply)) this.send(hand);
      });
      // an error or an early exit: the chunks in hand go back to the queue
      const end = () => {
        hand.exited = true;
        hand.run?.ended();
      };
      hand.worker.on("error", end);
      hand.worker.on("exit", end);
      this.hands.push(hand);
    }
  }

  /** Keeps a worker two chunks ahead (one in work, one waiting); with none left, tells it to stop once idle. */
  private send(hand: Hand): void {
    if (!hand.run || !hand.ready || hand.exited) return;
    const chunk = hand.run.take();
    if (chunk) {
      hand.inFlight.push(chunk);
      hand.worker.postMessage(chunk);
    } else if (hand.inFlight.length === 0) hand.worker.postMessage(null);
  }

  /** Scans `files` (absolute paths) on the main thread, with `validator` (built from the pool's spec), and the workers. */
  async scan(files: readonly string[], validator: ObjectValidator): Promise<FileScan[]> {
    const results: FileScan[] = new Array<FileScan>(files.length);
    const handedBack: Chunk[] = [];
    let next = 0;
    const take = (): Chunk | undefined => {
      if (handedBack.length > 0) return handedBack.pop();
      if (next >= files.length) return undefined;
      const first = next;
      next = Math.min(files.length, next + CHUNK);
      return { first, files: files.slice(first, next) };
    };
    const scan = (chunk: Chunk) => chunk.files.forEach((f, i) => (results[chunk.first + i] = scanFile(this.root, f, validator)));
    const finished = this.hands.map(
      (hand) =>
        new Promise<void>((resolve) => {
          const ended = () => {
            handedBack.push(...hand.inFlight.splice(0));
            resolve();
          };
          hand.run = { take, done: (first, scans) => scans.forEach((s, i) => (results[first + i] = s)), ended };
          if (hand.exited) ended();
          this.send(hand);
          this.send(hand);
        }),
    );
    try {
      for (let chunk = take(); chunk; chunk = take()) {
        scan(chunk);
        // lets the workers' replies in, so they are given their next chunk without waiting
        await new Promise((resolve) => setImmediate(resolve));
      }
      await Promise.all(finished);
      for (let chunk = take(); chunk; chunk = take()) scan(chunk);
    } finally {
      this.close();
    }
    return results;
  }

  /** Stops the workers (not waited for: their work is done or handed back); the main thread scans alone after. */
  close(): void {
    for (const hand of this.hands.splice(0)) void hand.worker.terminate();
  }
}
