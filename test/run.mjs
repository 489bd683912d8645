// `npm test`: the uvu suite in groups of test files, two at a time (one per core), each group printed whole
// when it ends, then one summary. Groups keep together the files that share something outside their own
// temporary folders (review/ counts the review's temporary folders). Arguments: a regex of files to run.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const TEST_DIR = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(TEST_DIR);
const only = process.argv[2] ? new RegExp(process.argv[2]) : undefined;
// the largest folder is cut into chunks so that both workers stay busy to the end
const CHUNK = 6;

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

function groups(files) {
  const byFolder = new Map();
  for (const f of files) {
    const folder = f.includes("/") ? f.slice(0, f.indexOf("/")) : ".";
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), f]);
  }
  const out = [];
  for (const [folder, list] of byFolder) {
    if (folder === "review" || list.length <= CHUNK) out.push(list);
    else for (let i = 0; i < list.length; i += CHUNK) out.push(list.slice(i, i + CHUNK));
  }
  // largest groups first, so the last to start are the short ones
  return out.sort((a, b) => b.length - a.length);
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function runGroup(list) {
  const pattern = `^(${list.map(escape).join("|")})$`;
  const began = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "node_modules", "uvu", "bin.js"), "test", pattern, "-c", "false"], {
      cwd: ROOT,
      env: process.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let text = "";
    child.stdout.on("data", (d) => (text += d));
    child.stderr.on("data", (d) => (text += d));
    child.on("close", (code) => resolve({ list, code: code ?? 1, text, ms: Math.round(performance.now() - began) }));
  });
}

const count = (text, label) => Number(new RegExp(`^\\s*${label}:\\s+(\\d+)`, "m").exec(text)?.[1] ?? 0);

const files = testFiles(TEST_DIR).filter((f) => !only || only.test(f));
const queue = groups(files);
const workers = Number(process.env.TEST_WORKERS ?? Math.max(1, Math.min(2, os.availableParallelism?.() ?? os.cpus().length)));
const started = performance.now();
const results = [];
await Promise.all(
  Array.from({ length: workers }, async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const result = await runGroup(next);
      // the group's own report, without its summary block (one summary comes at the end)
      process.stdout.write(result.text.replace(/\n\s*Total:[\s\S]*$/, "\n") + `(${result.ms} ms for ${result.list.length} file(s))\n\n`);
      results.push(result);
    }
  }),
);

const total = results.reduce((n, r) => n + count(r.text, "Total"), 0);
const passed = results.reduce((n, r) => n + count(r.text, "Passed"), 0);
const skipped = results.reduce((n, r) => n + count(r.text, "Skipped"), 0);
const broken = results.filter((r) => r.code !== 0);
for (const r of broken) process.stdout.write(`\nfailed group: ${r.list.join(", ")} (exit ${r.code})\n`);
const failed = Math.max(total - passed, broken.length > 0 && total === passed ? 1 : 0);
process.stdout.write(`\n  Total:     ${total}\n  Passed:    ${passed}\n  Skipped:   ${skipped}\n  Duration:  ${Math.round(performance.now() - started)}ms\n\n`);
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exitCode = broken.length > 0 || total === 0 ? 1 : 0;
