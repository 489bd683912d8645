// The plan's manifest of generated/fleet.json: the rendered index's own when the file is unchanged, the one recorded
// in .cache/ for the file's hash (cache/last-manifest.ts), else parsed from the file; the same plan every way.
import fs from "node:fs";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { lastManifest } from "../../compiler/cache/last-manifest";
import { build } from "../../compiler/compile";
import { hashOf, parseManifest } from "../../compiler/output/manifest";
import { planOutput } from "../../compiler/output/plan";
import { readTree, run, tempFleet, tenantSource, writeTenant } from "../helpers/fleet";

const gen = (root: string) => path.join(root, "generated");
const sorted = (m: ReadonlyMap<string, string>) => [...m].sort((a, b) => (a[0] < b[0] ? -1 : 1));

test("compile records the manifest of the fleet index it wrote, under that file's hash only", async () => {
  const root = tempFleet();
  assert.is((await run(root, "compile")).code, 0);
  const bytes = fs.readFileSync(path.join(gen(root), "fleet.json"));
  const recorded = lastManifest(root, hashOf(bytes));
  assert.ok(recorded);
  assert.equal(sorted(recorded), sorted(parseManifest(bytes.toString("utf8")).manifest));
  assert.is(lastManifest(root, "0000000000000000"), undefined);
  // a tenant edited: the index is written again, and so is its record
  writeTenant(root, "delta", tenantSource("delta"));
  assert.is((await run(root, "compile")).code, 0);
  const again = fs.readFileSync(path.join(gen(root), "fleet.json"));
  assert.ok(lastManifest(root, hashOf(again))?.has("apps/delta.yaml"));
  assert.is(lastManifest(root, hashOf(bytes)), undefined);
});

test("the plan asks for a recorded manifest by the hash of the index on disk, and uses it", async () => {
  const root = tempFleet();
  assert.is((await run(root, "compile")).code, 0);
  writeTenant(root, "delta", tenantSource("delta"));
  const files = build(root).files;
  const onDisk = fs.readFileSync(path.join(gen(root), "fleet.json"));
  const asked: string[] = [];
  // a manifest that also owns a file still on disk: the plan deletes it, so it took this manifest
  fs.writeFileSync(path.join(gen(root), "stray.yaml"), "x: 1\n");
  const known = (hash: string) => (asked.push(hash), new Map([...parseManifest(onDisk.toString("utf8")).manifest, ["stray.yaml", hashOf("x: 1\n")]]));
  const plan = planOutput(gen(root), files, { listForeign: false, knownManifest: known });
  assert.equal(asked, [hashOf(onDisk)]);
  assert.equal(plan.deletes, ["stray.yaml"]);
  // unchanged index: its own manifest, nothing asked
  fs.rmSync(path.join(gen(root), "stray.yaml"));
  assert.is((await run(root, "compile")).code, 0);
  asked.length = 0;
  const same = planOutput(gen(root), build(root).files, { listForeign: false, knownManifest: known });
  assert.equal(asked, []);
  assert.is(same.writes.length + same.deletes.length, 0);
});

test("an index edited by hand is parsed, not taken from the record: its owned files are still deleted", async () => {
  const root = tempFleet();
  assert.is((await run(root, "compile")).code, 0);
  const file = path.join(gen(root), "fleet.json");
  const index = JSON.parse(fs.readFileSync(file, "utf8"));
  index.files["stray.yaml"] = hashOf("x: 1\n");
  fs.writeFileSync(file, JSON.stringify(index, null, 2));
  fs.writeFileSync(path.join(gen(root), "stray.yaml"), "x: 1\n");
  writeTenant(root, "delta", tenantSource("delta"));
  const r = await run(root, "compile");
  assert.is(r.code, 0, r.err);
  assert.not.ok(readTree(gen(root)).has("stray.yaml"));
  assert.is((await run(root, "check", "--no-cache")).code, 0);
});

test.run();
