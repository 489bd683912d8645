// The tenant pool (compiler/parallel/): a compile whose tenants are read, checked and rendered by worker
// threads gives byte for byte what a single-thread compile gives, and the same diagnostics when tenants are
// wrong. Run as users run it (compiler/run.mjs, the bundle), since only the bundle starts workers.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { syntheticFleet, tenantId } from "../../compiler/bench/synthetic-fleet";
import { hashOf } from "../../compiler/output/manifest";
import { chunksOf } from "../../compiler/parallel/pool";
import { scanOutput } from "../../compiler/scan/generated";
import { findSecrets } from "../../compiler/scan/secrets";
import { FIXTURE_FLEET, readTree, REPO_ROOT, tempDir } from "../helpers/fleet";

const RUN = path.join(REPO_ROOT, "compiler", "run.mjs");
const TENANTS = 100;

/** Runs a command of the bundled CLI (its options after a space) with FLEET_WORKERS set; the figures line too, when `figures`. */
function cli(root: string, workers: number, command = "compile", figures = false) {
  // with workers, they take every tenant (FLEET_WORKERS_ONLY): the output compared is all theirs
  const only = workers > 0 ? { FLEET_WORKERS_ONLY: "1" } : {};
  const env = { ...process.env, FLEET_WORKERS: String(workers), NO_COLOR: "1", ...only, ...(figures ? { FLEET_BENCH_CHILD: "1" } : {}) };
  const r = spawnSync(process.execPath, [RUN, ...command.split(" "), "--root", root], { encoding: "utf8", env, maxBuffer: 1 << 26 });
  const timeless = (text: string) => text.replaceAll(root, "<root>").replace(/\(\d+ ms\)/g, "(… ms)");
  return { code: r.status, out: timeless(r.stdout), err: timeless(r.stderr) };
}

/** Two copies of one synthetic fleet (its temporary folder goes when the test process ends). */
function twoFleets(edit: (root: string) => void = () => {}): [string, string] {
  const made = syntheticFleet(FIXTURE_FLEET, TENANTS);
  const a = tempDir("pool-a-");
  const b = tempDir("pool-b-");
  fs.cpSync(made, a, { recursive: true });
  fs.rmSync(made, { recursive: true, force: true });
  edit(a);
  fs.cpSync(a, b, { recursive: true });
  return [a, b];
}

test("a compile with worker threads writes the same generated/ as one without, and the workers did part of it", () => {
  const [single, pooled] = twoFleets();
  const one = cli(single, 0, "compile", true);
  const many = cli(pooled, 2, "compile", true);
  assert.is(one.code, 0, one.err);
  assert.is(many.code, 0, many.err);
  const figures = (out: string) => JSON.parse(out.trim().split("\n").pop()!) as { code: number; pool: { workers: number; chunksByWorkers: number } };
  assert.is(figures(one.out).pool.workers, 0);
  assert.is(figures(many.out).pool.workers, 2);
  // every tenant's chunk, and one for the platform's own files
  assert.is(figures(many.out).pool.chunksByWorkers, chunksOf(Array.from({ length: TENANTS })).length + 1, "the workers rendered every tenant and the platform's files");
  const a = readTree(path.join(single, "generated"));
  const b = readTree(path.join(pooled, "generated"));
  assert.equal([...b.keys()], [...a.keys()]);
  for (const [file, content] of a) if (b.get(file) !== content) assert.unreachable(`generated/${file} differs`);
  // and check agrees, either way round
  assert.is(cli(single, 2, "check").code, 0);
  assert.is(cli(pooled, 0, "check").code, 0);

  // generated/ edited by hand, a file lost and one added: check and compile see the same, with and without
  // workers (with them, a worker lists generated/ for check)
  for (const root of [single, pooled]) {
    const dir = path.join(root, "generated", "tenants", tenantId(7));
    fs.appendFileSync(path.join(dir, "config.yml"), "# edited by hand\n");
    fs.rmSync(path.join(dir, "render.json"));
    fs.writeFileSync(path.join(dir, "notes.yaml"), "a: 1\n");
  }
  // without the cache, which holds every tenant now (and a pool starts only for tenants to render)
  const [checkOne, checkMany] = [cli(single, 0, "check --no-cache"), cli(pooled, 2, "check --no-cache")];
  assert.is(checkOne.code, 1);
  assert.is(checkMany.code, 1);
  assert.is(checkMany.err, checkOne.err);
  assert.match(checkOne.err, `tenants/${tenantId(7)}/config.yml`);
  assert.match(checkOne.err, `tenants/${tenantId(7)}/notes.yaml`);
  const listed = JSON.parse(cli(pooled, 2, "check --no-cache", true).out.trim().split("\n").pop()!) as { code: number; pool: { listedByWorker: boolean } };
  assert.equal([listed.code, listed.pool.listedByWorker], [1, true], "a worker listed generated/");
  for (const root of [single, pooled]) fs.rmSync(path.join(root, "generated", "tenants", tenantId(7), "notes.yaml"));
  const [again, againPooled] = [cli(single, 0), cli(pooled, 2)];
  assert.is(againPooled.out, again.out);
  assert.match(again.out, "1 added, 1 changed");
  assert.equal(readTree(path.join(pooled, "generated")), readTree(path.join(single, "generated")));
});

test("wrong tenants give the same located errors with and without workers, and nothing is written", () => {
  const [single, pooled] = twoFleets((root) => {
    const file = (i: number) => path.join(root, "tenants", `${tenantId(i)}.ts`);
    // a schema error, a catalog error and a secret in a comment, in tenants the workers may take
    fs.writeFileSync(file(20), fs.readFileSync(file(20), "utf8").replace(/size: "[a-z]+"/, 'size: "smal"'));
    fs.writeFileSync(file(55), fs.readFileSync(file(55), "utf8").replace("defineTenant({", 'defineTenant({\n  contactEmail: 42,'));
    fs.writeFileSync(file(90), `// token: ghp_Zk8qW3nR5tY7uI9oP1aS2dF4gH6jK8lX0cV3bN5m\n${fs.readFileSync(file(90), "utf8")}`);
  });
  const one = cli(single, 0);
  const many = cli(pooled, 2);
  assert.is(one.code, 1);
  assert.is(many.code, 1);
  assert.is(many.err, one.err);
  for (const id of [20, 55, 90]) assert.match(one.err, `tenants/${tenantId(id)}.ts:`);
  assert.match(one.err, "Nothing was written.");
  assert.not.ok(fs.existsSync(path.join(pooled, "generated")));
});

test("the output scan takes the pool's findings for its files, and still scans what differs on disk", () => {
  const token = "ghp_Zk8qW3nR5tY7uI9oP1aS2dF4gH6jK8lX0cV3bN5m";
  const content = `a: 1\nb: ${token}\n`;
  const pooled = { path: "tenants/a/x.yaml", content, hash: hashOf(content), findings: findSecrets(content) };
  assert.is(pooled.findings.length, 1);
  // the pool's findings are reported as they are (this content is not scanned again)
  const fake = { ...pooled, findings: [{ ...pooled.findings[0]!, rule: "from the pool" }] };
  assert.equal(
    scanOutput([fake]).map((f) => [f.file, f.rule]),
    [["tenants/a/x.yaml", "from the pool"]],
  );
  // the same bytes about to be written are not scanned twice; other bytes on disk are
  assert.is(scanOutput([fake], [{ path: fake.path, content }]).length, 1);
  const onDisk = scanOutput([fake], [{ path: fake.path, content: `other: ${token}\n` }]);
  assert.equal(onDisk.map((f) => [f.file, f.rule === "from the pool"]), [["tenants/a/x.yaml", true], ["tenants/a/x.yaml", false]]);
});

test("chunks hold every tenant once, in order, the last ones in small chunks", () => {
  for (const n of [0, 1, 15, 64, 65, 100, 1000]) {
    const items = Array.from({ length: n }, (_, i) => i);
    const chunks = chunksOf(items);
    assert.equal(chunks.flat(), items);
    assert.ok(chunks.every((c) => c.length > 0 && c.length <= 16));
    if (n >= 64) assert.ok(chunks.slice(-16).every((c) => c.length === 4), `${n}: the last 64 in chunks of 4`);
  }
});

test.run();
