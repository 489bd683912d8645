// The thread of output/stats-ahead.ts: stats every file the disk state knows (.cache/generated-state.bin) and
// posts their stamps, while the main thread loads the compiler. It never reads a file's content.
import fs from "node:fs";
import path from "node:path";
import { workerData, type MessagePort } from "node:worker_threads";
import { readStateFile } from "./disk-state-file";
import { DONE, STAMP_FIELDS, type StatsAheadStart } from "./stats-ahead-protocol";

const { root, port, progress } = workerData as StatsAheadStart & { port: MessagePort };
const counters = new Int32Array(progress);
try {
  const paths = readStateFile(root)?.paths ?? [];
  const stamps = new Float64Array(paths.length * STAMP_FIELDS).fill(Number.NaN);
  const outDir = path.join(root, "generated");
  paths.forEach((rel, i) => {
    if (i % 256 === 0) Atomics.store(counters, 0, i + 1);
    try {
      const st = fs.statSync(path.join(outDir, rel), { throwIfNoEntry: false });
      if (st?.isFile()) stamps.set([st.size, st.mtimeMs, st.ctimeMs, st.ino, st.dev], i * STAMP_FIELDS);
    } catch {
      stamps[i * STAMP_FIELDS] = -1; // anything odd: the main thread looks at it itself, and reports it
    }
  });
  port.postMessage({ paths, stamps }, [stamps.buffer]);
} finally {
  port.close();
  Atomics.store(counters, DONE, 1);
  Atomics.notify(counters, DONE);
}
