// A compile whose tenants mostly come from the compile cache spends a good part of its time on one stat per
// generated file, to tell by the disk state (output/disk-state.ts) that the file is still what was written. Those
// stats need nothing but the list the disk state keeps, so a thread takes them while the main thread loads the
// compiler and its cache, and the plan takes the stamps from it. Never waited for: a file whose stamp is not
// in by then is looked at as before. A stamp taken ahead is as good as one taken later: each is taken before any
// read of the file, and the plan then trusts only a stamp that equals the one recorded after a settled read.
import fs from "node:fs";
import path from "node:path";
import { MessageChannel, receiveMessageOnPort, type MessagePort } from "node:worker_threads";
import { bundleDir, startBundleWorker } from "../bundle-dir";
import type { FileStamp } from "./disk-state";
import { diskStateFile } from "./disk-state-file";
import { DONE, STAMP_FIELDS, type StatsAheadStart } from "./stats-ahead-protocol";

let ahead: { root: string; port: MessagePort; counters: Int32Array; stamps?: Map<string, FileStamp | null> } | undefined;

/** How many stamps the last run took ahead, for the benchmark's figures (compiler/run.mjs prints them; a test checks they were used). */
const figures = { stamps: 0 };
(globalThis as Record<symbol, unknown>)[Symbol.for("openedx-fleet.stats-ahead")] = figures;

/** How long the plan waits for a thread that has started stating (about the time it would take itself). */
const WAIT_MS = 100;

/** Starts the thread for a compile or check of `root` (from the bundle only, and only when a disk state exists). */
export function startStatsAhead(root: string): void {
  if (ahead || bundleDir() === undefined || !fs.existsSync(diskStateFile(root))) return;
  const { port1, port2 } = new MessageChannel();
  const progress = new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT);
  const start: StatsAheadStart & { port: MessagePort } = { root, port: port2, progress };
  try {
    const worker = startBundleWorker("stat-worker", { workerData: start, transferList: [port2] })!;
    worker.on("error", () => {}); // no stamps: the plan stats the files itself
    worker.unref();
  } catch {
    return;
  }
  ahead = { root, port: port1, counters: new Int32Array(progress) };
}

/** The stamps taken ahead for `root`, by path under generated/ (null: no plain file there); undefined when not (yet) in. */
export function stampsAhead(root: string): ReadonlyMap<string, FileStamp | null> | undefined {
  if (!ahead || ahead.root !== root) return undefined;
  if (!ahead.stamps) {
    // a thread under way is waited for a little (the rest of its work is less than all of it); one not yet
    // started is not. FLEET_STATS_AHEAD=wait waits for it in any case (tests check the stamps it takes).
    if (process.env.FLEET_STATS_AHEAD === "wait") Atomics.wait(ahead.counters, DONE, 0, 30_000);
    else if (Atomics.load(ahead.counters, 0) > 0) Atomics.wait(ahead.counters, DONE, 0, WAIT_MS);
    const m = receiveMessageOnPort(ahead.port)?.message as { paths: string[]; stamps: Float64Array } | undefined;
    if (!m) return undefined;
    const stamps = new Map<string, FileStamp | null>();
    m.paths.forEach((rel, i) => {
      const [size, mtimeMs, ctimeMs, ino, dev] = m.stamps.subarray(i * STAMP_FIELDS, (i + 1) * STAMP_FIELDS);
      if (size === -1) return;
      stamps.set(rel, Number.isNaN(size) ? null : { size: size!, mtimeMs: mtimeMs!, ctimeMs: ctimeMs!, ino: ino!, dev: dev! });
    });
    ahead.stamps = stamps;
    figures.stamps = stamps.size;
    ahead.port.close();
  }
  return ahead.stamps;
}
