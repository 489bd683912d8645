// `npm test`: the uvu suite on two long-lived workers (one per core, test/run-worker.mjs), each running one test
// file at a time from a shared queue, longest first, so both finish together. Each file is printed whole when it
// ends, then one summary. Files that share something outside their own temporary folders run on one worker, one
// after another (review/ counts the review's temporary folders). Arguments: a regex of files to run.
// How long each file took is kept in .cache/test-times.json for the next run's order.
import { fork } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const TEST_DIR = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(TEST_DIR);
const TIMES = path.join(ROOT, ".cache", "test-times.json");
const only = process.argv[2] ? new RegExp(process.argv[2]) : undefined;
// folders whose files run together, in order, on one worker
const TOGETHER = ["review"];
// the order of a first run, before any time is recorded: the files known to take longest (ms on a 2-core machine)
const FIRST_RUN = { "review/diff": 10000, "output/interrupted": 6500, "compiler/hostile-corpus": 6000, "fleet-ops/operator-repo": 5500, "output/lock": 5000, "compiler/reader-agrees-with-typescript": 5000, "compiler/fuzz": 4500 };

function testFiles(dir, rel = "") {
  return fs
    .readdirSync(path.join(dir, rel), { withFileTypes: true })
    .flatMap((e) => {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) return e.name === "fixtures" || e.name === "helpers" ? [] : testFiles(dir, child);
      return e.name.endsWith(".test.ts") ? [child] : [];
    })
    .sort();
}

function readTimes() {
  try {
    return JSON.parse(fs.readFileSync(TIMES, "utf8"));
  } catch {
    return {};
  }
}

/** Units of work: one file, or the files of a folder that run together; the longest (expected) first. */
function units(files, times) {
  const expected = (f) => times[f] ?? Object.entries(FIRST_RUN).find(([prefix]) => f.startsWith(prefix))?.[1] ?? 1000;
  const together = new Map();
  const out = [];
  for (const f of files) {
    const folder = f.split("/")[0];
    if (!TOGETHER.includes(folder)) out.push([f]);
    else if (together.has(folder)) together.get(folder).push(f);
    else together.set(folder, [f]), out.push(together.get(folder));
  }
  const cost = (unit) => unit.reduce((n, f) => n + expected(f), 0);
  return out.map((unit) => ({ unit, cost: cost(unit) })).sort((a, b) => b.cost - a.cost || a.unit[0].localeCompare(b.unit[0])).map((u) => u.unit);
}

/** A worker process; `run(file)` resolves with a file's result, or a failure when the worker died running it. */
function startWorker() {
  const child = fork(path.join(TEST_DIR, "run-worker.mjs"), [], { cwd: ROOT, env: process.env, execArgv: ["--import", "tsx"], stdio: ["ignore", "pipe", "pipe", "ipc"] });
  let stray = ""; // output of the worker's own children (inherited stdio), shown with the file that was running
  child.stdout.on("data", (d) => (stray += d));
  child.stderr.on("data", (d) => (stray += d));
  let pending;
  let ready;
  const started = new Promise((resolve) => (ready = resolve));
  let exited;
  child.on("message", (m) => {
    if (m.ready) return ready();
    const p = pending;
    pending = undefined;
    p?.resolve({ ...m, text: m.text + stray });
    stray = "";
  });
  child.on("exit", (code, signal) => {
    exited = `the worker running it exited (${signal ?? `code ${code}`})`;
    ready();
    pending?.resolve({ file: pending.file, text: `${pending.file}\n${stray}\n${exited}\n`, failed: true, ms: Math.round(performance.now() - pending.began), died: true });
    pending = undefined;
  });
  return {
    run: async (file) => {
      await started;
      if (exited) return { file, text: `${file}\n${exited}\n`, failed: true, ms: 0, died: true };
      return new Promise((resolve) => {
        pending = { file, resolve, began: performance.now() };
        child.send({ file });
      });
    },
    stop: () => (exited ? undefined : child.send({ stop: true })),
  };
}

const count = (text, label) => Number(new RegExp(`^\\s*${label}:\\s+(\\d+)`, "m").exec(text)?.[1] ?? 0);

const files = testFiles(TEST_DIR).filter((f) => !only || only.test(f));
if (files.length === 0) process.stdout.write(`no test file under test/ matches ${only}\n`);
const times = readTimes();
const queue = units(files, times);
const workers = Number(process.env.TEST_WORKERS ?? Math.max(1, Math.min(2, os.availableParallelism?.() ?? os.cpus().length)));
const began = performance.now();
const results = [];
await Promise.all(
  Array.from({ length: Math.min(workers, queue.length) }, async () => {
    let worker = startWorker();
    for (let unit = queue.shift(); unit; unit = queue.shift()) {
      for (const file of unit) {
        const result = await worker.run(file);
        // the file's own report, without its summary block (one summary comes at the end)
        process.stdout.write(result.text.replace(/\n\s*Total:[\s\S]*$/, "\n") + `(${result.ms} ms, ${result.cpuMs ?? 0} ms CPU)\n\n`);
        results.push(result);
        if (result.died) worker = startWorker();
      }
    }
    worker.stop();
  }),
);

const total = results.reduce((n, r) => n + count(r.text, "Total"), 0);
const passed = results.reduce((n, r) => n + count(r.text, "Passed"), 0);
const skipped = results.reduce((n, r) => n + count(r.text, "Skipped"), 0);
const broken = results.filter((r) => r.failed);
for (const r of broken) process.stdout.write(`\nfailed: ${r.file}\n`);
// failed tests, and a file that failed without a failed test (it did not load, or its worker died) as one
const failed = results.reduce((n, r) => n + Math.max(count(r.text, "Total") - count(r.text, "Passed"), r.failed ? 1 : 0), 0);
process.stdout.write(`\n  Total:     ${total}\n  Passed:    ${passed}\n  Skipped:   ${skipped}\n  Duration:  ${Math.round(performance.now() - began)}ms\n\n`);
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exitCode = broken.length > 0 || total === 0 ? 1 : 0;

// the next run's order: this run's times over the recorded ones (a cache: losing it only costs balance)
try {
  fs.mkdirSync(path.dirname(TIMES), { recursive: true });
  const next = { ...times, ...Object.fromEntries(results.filter((r) => !r.died).map((r) => [r.file, r.ms])) };
  fs.writeFileSync(TIMES, JSON.stringify(Object.fromEntries(Object.entries(next).filter(([f]) => fs.existsSync(path.join(TEST_DIR, f))).sort()), null, 1) + "\n");
} catch {
  // an unwritable .cache/ only costs balance
}
