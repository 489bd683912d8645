// Generated files whose stat is unchanged are not read again, and no edit goes unnoticed: only settled stats
// are trusted, and any change to a file moves its ctime.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { TenantCache } from "../../compiler/cache/tenant-cache";
import { build } from "../../compiler/compile";
import { DiskState, SETTLE_MS } from "../../compiler/output/disk-state";
import { diskStateFile, readStateFile, writeStateFile } from "../../compiler/output/disk-state-file";
import { planOutput } from "../../compiler/output/plan";
import { run, tempFleet } from "../helpers/fleet";

const later = () => Date.now() + 10 * SETTLE_MS;

/** A compiled fleet and its desired files as they come from a warm compile cache (with hashes). */
async function compiled() {
  const root = tempFleet();
  assert.is((await run(root, "compile")).code, 0);
  const files = build(root, { cache: new TenantCache(root, { readOnly: true }) }).files;
  return { root, out: path.join(root, "generated"), files };
}

test("settled files are trusted on the next run; files that just changed are read", async () => {
  const { root, out, files } = await compiled();
  const first = new DiskState(root, { now: later });
  assert.is(planOutput(out, files, { disk: first }).writes.length, 0);
  assert.is(first.stats.trusted, 0);
  first.save();
  const second = new DiskState(root, { now: later });
  assert.is(planOutput(out, files, { disk: second }).writes.length, 0);
  assert.ok(second.stats.trusted > 10);
  // with the real clock, files written a moment ago are never recorded
  const fresh = tempFleet();
  assert.is((await run(fresh, "compile")).code, 0);
  const now = new DiskState(fresh);
  planOutput(path.join(fresh, "generated"), build(fresh, { cache: new TenantCache(fresh, { readOnly: true }) }).files, { disk: now });
  now.save();
  assert.is(new DiskState(fresh).stats.trusted, 0);
  assert.not.ok(fs.existsSync(path.join(fresh, ".cache", "generated-state.bin")));
});

test("an edit of a trusted file, even one keeping its size and mtime, is found", async () => {
  const { root, out, files } = await compiled();
  const file = path.join(out, "tenants", "acme", "config.yml");
  // whole seconds, so that the edit below can put mtime back exactly: only ctime tells the edit apart
  const t = Math.floor(Date.now() / 1000) - 100;
  fs.utimesSync(file, t, t);
  const record = new DiskState(root, { now: later });
  planOutput(out, files, { disk: record });
  record.save();
  const size = fs.statSync(file).size;
  fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("Acme Academy", "Acme Academz"));
  fs.utimesSync(file, t, t);
  assert.is(fs.statSync(file).size, size);
  assert.is(fs.statSync(file, { bigint: true }).mtimeNs, BigInt(t) * 1_000_000_000n);
  const plan = planOutput(out, files, { disk: new DiskState(root, { now: later }) });
  assert.equal(plan.stale, ["tenants/acme/config.yml"]);
  assert.equal(plan.edited, ["tenants/acme/config.yml"]);
  const r = await run(root, "check");
  assert.is(r.code, 1);
  assert.match(r.err, "stale:   generated/tenants/acme/config.yml (edited by hand)");
});

test("a damaged state file is ignored", async () => {
  const { root, out, files } = await compiled();
  const record = new DiskState(root, { now: later });
  planOutput(out, files, { disk: record });
  record.save();
  const state = path.join(root, ".cache", "generated-state.bin");
  // one content hash changed (as bytes: the numbers before them are binary)
  const altered = fs.readFileSync(state, "latin1").replace(/\n[0-9a-f]{16}\n/, "\n0000000000000000\n");
  assert.is.not(altered, fs.readFileSync(state, "latin1"));
  fs.writeFileSync(state, altered, "latin1");
  const again = new DiskState(root, { now: later });
  assert.is(planOutput(out, files, { disk: again }).writes.length, 0);
  assert.is(again.stats.trusted, 0);
});

test("the state file gives back what was written; a cut, altered or foreign one reads as absent", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "disk-state-file-"));
  const records = {
    paths: ["apps/a.yaml", "tenants/é/config.yml", "x"],
    numbers: new Float64Array([1, 1796467029684.6113, 1796467029684.6113, 5612703, 65024, 0, 0.5, -0, 2 ** 53, 7, 3, 4, 5, 6, 7]),
    hashes: ["225a9342663dedd3", "0000000000000000", "ffffffffffffffff"],
  };
  writeStateFile(root, records);
  assert.equal(readStateFile(root), records);
  writeStateFile(root, { paths: [], numbers: new Float64Array(0), hashes: [] });
  assert.equal(readStateFile(root), { paths: [], numbers: new Float64Array(0), hashes: [] });
  writeStateFile(root, records);
  const bytes = fs.readFileSync(diskStateFile(root));
  const variants = [bytes.subarray(0, bytes.length - 1), Buffer.concat([bytes, Buffer.from("\n")]), Buffer.from(bytes.toString("latin1").replace("disk-state-3", "disk-state-2"), "latin1")];
  // a bit flipped in the numbers, and the byte order named as the other one
  const flipped = Buffer.from(bytes);
  flipped[bytes.indexOf(10) + 9]! ^= 1;
  const order = Buffer.from(bytes.toString("latin1").replace(/ (le|be) /, (_, o: string) => (o === "le" ? " be " : " le ")), "latin1");
  for (const v of [...variants, flipped, order]) {
    fs.writeFileSync(diskStateFile(root), v);
    assert.is(readStateFile(root), undefined);
  }
  assert.throws(() => writeStateFile(root, { ...records, paths: ["a\nb", "c", "d"] }));
});

test.run();
