// A first compile's files are written ahead by the threads that render them, into .cache/first-compile, which
// becomes generated/ with one rename (output/first-tree.ts): a compile that fails leaves neither generated/ nor
// that folder, and a folder left by a stopped compile never reaches generated/. Run as users run it (the bundle,
// with worker threads), and on this thread alone.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { syntheticFleet, tenantId } from "../../compiler/bench/synthetic-fleet";
import { FIXTURE_FLEET, readTree, REPO_ROOT, tempDir } from "../helpers/fleet";

const RUN = path.join(REPO_ROOT, "compiler", "run.mjs");

function fleet(tenants: number): string {
  const made = syntheticFleet(FIXTURE_FLEET, tenants);
  const root = tempDir("first-tree-");
  fs.cpSync(made, root, { recursive: true });
  fs.rmSync(made, { recursive: true, force: true });
  return root;
}

function compile(root: string, workers: number) {
  const env = { ...process.env, FLEET_WORKERS: String(workers), NO_COLOR: "1" };
  const r = spawnSync(process.execPath, [RUN, "compile", "--root", root], { encoding: "utf8", env });
  return { code: r.status, err: r.stderr };
}

const firstTree = (root: string) => path.join(root, ".cache", "first-compile");

for (const workers of [0, 2]) {
  test(`a first compile that fails on a fleet-wide rule leaves no generated/ and no files written ahead (${workers} workers)`, () => {
    const root = fleet(40);
    // two tenants claim one host: found only once every tenant is rendered
    const lms = (id: string) => /lms: "([^"]+)"/.exec(fs.readFileSync(path.join(root, "tenants", `${id}.ts`), "utf8"))![1]!;
    const taken = lms(tenantId(1));
    const file = path.join(root, "tenants", `${tenantId(2)}.ts`);
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace(`lms: "${lms(tenantId(2))}"`, `lms: "${taken}"`));
    const r = compile(root, workers);
    assert.is(r.code, 1, r.err);
    assert.match(r.err, taken);
    assert.not.ok(fs.existsSync(path.join(root, "generated")), "no generated/");
    assert.not.ok(fs.existsSync(firstTree(root)), "no files written ahead are left");
  });

  test(`files left in .cache/first-compile by a stopped compile never reach generated/ (${workers} workers)`, () => {
    const root = fleet(40);
    const reference = fleet(40);
    assert.is(compile(reference, 0).code, 0);
    fs.mkdirSync(path.join(firstTree(root), "tenants", tenantId(1)), { recursive: true });
    fs.writeFileSync(path.join(firstTree(root), "stray.yaml"), "kind: Stray\n");
    fs.writeFileSync(path.join(firstTree(root), "tenants", tenantId(1), "config.yml"), "stale: true\n");
    const r = compile(root, workers);
    assert.is(r.code, 0, r.err);
    const got = readTree(path.join(root, "generated"));
    const want = readTree(path.join(reference, "generated"));
    assert.equal([...got.keys()], [...want.keys()]);
    for (const [file, content] of want) if (got.get(file) !== content) assert.unreachable(`generated/${file} differs`);
    assert.not.ok(fs.existsSync(firstTree(root)));
  });
}

test.run();
