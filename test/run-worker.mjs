// One worker of `npm test` (test/run.mjs): a long-lived process that runs the test files it is sent, one at a
// time, through uvu's own runner. Files in one process share what they load (the compiler's modules, the
// compiled validators, the fixture fleet compiled once), which a process per file would load again.
// Started as `node --import tsx test/run-worker.mjs` with an IPC channel; replies one message per file.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

globalThis.UVU_DEFER = 1; // uvu: files queue their suites; exec() runs them
const uvu = await import("uvu");

const TEST_DIR = import.meta.dirname;
/** Removals of finished files' temporary folders still running (test/helpers/fleet.ts). */
const removals = [];

/** CPU ms of this process and of its children that have ended (Linux: /proc; elsewhere this process only). */
function cpuMs() {
  const own = process.cpuUsage();
  let children = 0;
  try {
    // fields after the command name: cutime and cstime are the 14th and 15th, in clock ticks (100 per second)
    const fields = fs.readFileSync("/proc/self/stat", "utf8").split(") ")[1].split(" ");
    children = (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    // no /proc: children are not counted
  }
  return (own.user + own.system) / 1000 + children;
}

/** Runs one file; its output (uvu's and the tests' own) is captured and sent back whole. */
async function runFile(file) {
  const chunks = [];
  const out = process.stdout.write;
  const err = process.stderr.write;
  const capture = (chunk, encoding, done) => {
    chunks.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
    const callback = typeof encoding === "function" ? encoding : done;
    if (callback) process.nextTick(callback);
    return true;
  };
  process.stdout.write = capture;
  process.stderr.write = capture;
  const began = performance.now();
  const cpu = cpuMs();
  let failed = false;
  try {
    globalThis.UVU_QUEUE = [[file]];
    globalThis.UVU_INDEX = 0;
    await import(pathToFileURL(path.join(TEST_DIR, file)).href);
    process.exitCode = 0;
    await uvu.exec();
    failed = process.exitCode !== 0;
  } catch (e) {
    // a file that throws while loading: no test of it ran
    chunks.push(`${file}\n${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    failed = true;
  } finally {
    // its temporary folders can go (test/helpers/fleet.ts), while the next file runs
    process.emit("fleet-test:file-done", removals);
    process.stdout.write = out;
    process.stderr.write = err;
    process.exitCode = 0;
  }
  return { file, text: chunks.join(""), failed, ms: Math.round(performance.now() - began), cpuMs: Math.round(cpuMs() - cpu) };
}

process.on("message", async (message) => {
  if (message.file) return process.send(await runFile(message.file));
  // the runner has no more files: the last removals end, the rest goes with the process ("exit" handlers)
  await Promise.all(removals);
  process.exit(0);
});
process.send({ ready: true });
