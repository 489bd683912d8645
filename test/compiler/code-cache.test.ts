// V8's code cache for the bundle's files (compiler/code-cache.cjs): written after a first run, used as it is by
// the next, written again when missing, damaged or refused by V8; and kept by the tenant pool's worker threads
// too, which start from CommonJS files of the bundle (compiler/worker-start.cjs). Loads run in child processes:
// damaged data that reached V8 crashed Node.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { sourcesHash } from "../../compiler/cache/sources-hash.mjs";
import { REPO_ROOT, tempDir, tempFleet } from "../helpers/fleet";

const CODE_CACHE = path.join(REPO_ROOT, "compiler", "code-cache.cjs");

/** A CommonJS file with enough functions for V8 to keep, in a folder of its own. */
function scriptFile(): string {
  const file = path.join(tempDir("code-cache-"), "mod.cjs");
  const fns = Array.from({ length: 200 }, (_, i) => `function f${i}(x) { return [x, ${i}].map((v) => v * 2).join("-"); }`);
  fs.writeFileSync(file, `${fns.join("\n")}\nexports.sum = () => [${fns.map((_, i) => `f${i}(1)`).join(", ")}].length;\n`);
  return file;
}

/** Loads `file` through the code cache in a child process and saves the cache; its exit status and output. */
function load(file: string) {
  const code = `const m = require(${JSON.stringify(CODE_CACHE)}).loadCached(${JSON.stringify(file)}, "test"); console.log(m.exports.sum()); m.save();`;
  const r = spawnSync(process.execPath, ["-e", code], { encoding: "utf8" });
  return { status: r.status, out: r.stdout.trim(), err: r.stderr };
}

const cacheOf = (file: string) => `${file}.test.v8cache`;

/** A cache file as written: its SHA-256, then the rest (the run's time and V8's data). */
function intact(bytes: Buffer): boolean {
  return bytes.length > 1000 && createHash("sha256").update(bytes.subarray(32)).digest().equals(bytes.subarray(0, 32));
}

test("a first run writes the cache, the next uses it as it is", () => {
  const file = scriptFile();
  assert.equal(load(file), { status: 0, out: "200", err: "" });
  const made = fs.readFileSync(cacheOf(file));
  assert.ok(intact(made));
  assert.equal(load(file), { status: 0, out: "200", err: "" });
  assert.ok(fs.readFileSync(cacheOf(file)).equals(made), "a cache V8 took, from a run as long, is not written again");
  assert.equal(fs.readdirSync(path.dirname(file)).sort(), ["mod.cjs", "mod.cjs.test.v8cache"], "no temporary file left");
});

test("a damaged, cut or refused cache is written again, and the file still runs", () => {
  const file = scriptFile();
  load(file);
  const good = fs.readFileSync(cacheOf(file));
  const damaged = Buffer.from(good);
  for (let i = 100; i < damaged.length; i += 997) damaged[i]! ^= 0x5a;
  const cases: [string, Buffer][] = [
    ["damaged", damaged],
    ["cut", good.subarray(0, good.length >> 1)],
    ["empty", Buffer.alloc(0)],
  ];
  for (const [what, bytes] of cases) {
    fs.writeFileSync(cacheOf(file), bytes);
    assert.equal(load(file), { status: 0, out: "200", err: "" }, what);
    const now = fs.readFileSync(cacheOf(file));
    assert.ok(intact(now), `${what}: written again`);
  }
  // V8 refuses a cache made for other source: written again for this one
  fs.appendFileSync(file, "exports.more = () => 1;\n");
  const before = fs.readFileSync(cacheOf(file));
  assert.equal(load(file), { status: 0, out: "200", err: "" });
  const now = fs.readFileSync(cacheOf(file));
  assert.ok(intact(now) && !now.equals(before), "refused: written again");
});

test("the tenant pool's worker threads keep their compiled code beside the bundle", () => {
  const root = tempFleet();
  const bundle = path.join(REPO_ROOT, ".cache", "build", sourcesHash(REPO_ROOT).slice(0, 24));
  const workerCache = path.join(bundle, "tenant-worker.cjs.worker.v8cache");
  fs.rmSync(workerCache, { force: true });
  const env = { ...process.env, FLEET_WORKERS: "1", FLEET_WORKERS_ONLY: "1", FLEET_BENCH_CHILD: "1" };
  for (let run = 0; run < 2; run++) {
    // the second run starts from the cache the first kept
    const r = spawnSync(process.execPath, [path.join(REPO_ROOT, "compiler", "run.mjs"), "compile", "--root", root, "--no-cache"], { encoding: "utf8", env });
    assert.is(r.status, 0, r.stderr);
    const figures = JSON.parse(r.stdout.trim().split("\n").pop()!) as { pool: { workers: number; chunksByWorkers: number } };
    assert.is(figures.pool.workers, 1);
    assert.ok(figures.pool.chunksByWorkers > 0, "the worker did the work");
    assert.ok(fs.existsSync(workerCache), "kept after a run");
  }
});

test.run();
