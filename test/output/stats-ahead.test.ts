// With a compile cache, a thread stats generated/ while the compiler loads (output/stats-ahead.ts), and the plan
// trusts a file by those stamps as it would by its own: a file edited or removed by hand before the compile is
// still found, overwritten and reported. Run as users run it (the bundle), since only the bundle starts threads.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { syntheticFleet, tenantId } from "../../compiler/bench/synthetic-fleet";
import { SETTLE_MS } from "../../compiler/output/disk-state";
import { FIXTURE_FLEET, readTree, REPO_ROOT, tempDir } from "../helpers/fleet";

const RUN = path.join(REPO_ROOT, "compiler", "run.mjs");

function compile(root: string) {
  const r = spawnSync(process.execPath, [RUN, "compile", "--root", root], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1", FLEET_BENCH_CHILD: "1", FLEET_STATS_AHEAD: "wait" } });
  const figures = JSON.parse(r.stdout.trim().split("\n").pop()!) as { code: number; statsAhead: { stamps: number }; errors: string[] };
  return { ...figures, err: r.stderr };
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

test("files edited or removed by hand are found by the stamps taken ahead, and made right again", () => {
  const made = syntheticFleet(FIXTURE_FLEET, 30);
  const root = tempDir("stats-ahead-");
  fs.cpSync(made, root, { recursive: true });
  fs.rmSync(made, { recursive: true, force: true });
  assert.is(compile(root).code, 0);
  const expected = readTree(path.join(root, "generated"));
  // the files' stamps are kept once settled: a compile after that records them
  sleep(SETTLE_MS + 200);
  assert.is(compile(root).code, 0);

  const dir = path.join(root, "generated", "tenants", tenantId(7));
  fs.appendFileSync(path.join(dir, "config.yml"), "# edited by hand\n");
  fs.rmSync(path.join(dir, "render.json"));
  // and a tenant edited, so the compiler runs (an unchanged fleet is answered without it)
  const file = path.join(root, "tenants", `${tenantId(3)}.ts`);
  fs.writeFileSync(file, `${fs.readFileSync(file, "utf8")}// a comment\n`);
  const r = compile(root);
  assert.is(r.code, 0, r.errors.join("\n"));
  assert.ok(r.statsAhead.stamps > 100, `the plan took the stamps taken ahead (${r.statsAhead.stamps})`);
  assert.equal(readTree(path.join(root, "generated")), expected);
});

test.run();
