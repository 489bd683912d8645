// The file system's own share of a first compile: the same files created by a bare Node process that holds
// their bytes already (reading them is not timed), with nothing else to do. On a VM whose file creation is
// slow, the first compile cannot be faster than this, whatever the compiler does.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const SCRIPT = `
const fs = require("node:fs"), path = require("node:path");
const [from, to] = process.argv.slice(1);
const files = [];
const walk = (rel) => { for (const e of fs.readdirSync(path.join(from, rel), { withFileTypes: true })) {
  const r = rel ? rel + "/" + e.name : e.name;
  if (e.isDirectory()) walk(r); else files.push([r, fs.readFileSync(path.join(from, r))]);
} };
walk("");
const started = performance.now();
const made = new Set();
for (const [r, bytes] of files) {
  const dir = path.dirname(path.join(to, r));
  if (!made.has(dir)) fs.mkdirSync(dir, { recursive: true }), made.add(dir);
  fs.writeFileSync(path.join(to, r), bytes);
}
console.log(performance.now() - started);
`;

/** Milliseconds to create a copy of `root`'s generated/ (moved into `trash` afterwards, deleted outside any measured run). */
export function fileSystemFloor(root: string, trash: string): number {
  const to = path.join(root, ".bench-floor");
  const r = spawnSync(process.execPath, ["-e", SCRIPT, path.join(root, "generated"), to], { encoding: "utf8" });
  const ms = Number(r.stdout.trim());
  fs.renameSync(to, path.join(trash, `floor-${process.hrtime.bigint()}`));
  if (r.status !== 0 || !Number.isFinite(ms)) throw new Error(`the file-system floor failed: ${r.stderr}`);
  return ms;
}
