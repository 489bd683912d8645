// compile and check end to end: determinism, atomic writes, exact removal, stale/missing/extra detection.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { compiledFixture, FIXTURE_FLEET, readTree, REPO_ROOT, run, tempFleet, tenantSource, treeHash, writeTenant } from "../helpers/fleet";

const gen = (root: string) => path.join(root, "generated");

test("compiling twice gives byte-identical output", async () => {
  const root = tempFleet();
  assert.is((await run(root, "compile")).code, 0);
  const first = treeHash(gen(root));
  fs.rmSync(gen(root), { recursive: true });
  assert.is((await run(root, "compile")).code, 0);
  assert.is(treeHash(gen(root)), first);
});

test("output does not depend on the working directory or on file creation order", async () => {
  const a = await compiledFixture(); // the fixture fleet compiled in this process
  // a second fleet whose tenant files are created in reverse order, compiled by a child process elsewhere
  const b = tempFleet({ examples: false });
  for (const f of fs.readdirSync(path.join(FIXTURE_FLEET, "tenants")).sort().reverse()) {
    fs.copyFileSync(path.join(FIXTURE_FLEET, "tenants", f), path.join(b, "tenants", f));
  }
  const tsx = pathToFileURL(path.join(REPO_ROOT, "node_modules", "tsx", "dist", "loader.mjs")).href;
  execFileSync(process.execPath, ["--import", tsx, path.join(REPO_ROOT, "compiler", "cli.ts"), "compile", "--root", b], { cwd: os.tmpdir(), stdio: "pipe" });
  assert.equal(readTree(gen(b)), readTree(gen(a)));
});

test("the npm scripts' bundled compiler (compiler/run.mjs) writes what the sources write, and fails as they do", async () => {
  const a = await compiledFixture(); // the fixture fleet compiled by the sources, in this process
  const b = tempFleet();
  execFileSync(process.execPath, [path.join(REPO_ROOT, "compiler", "run.mjs"), "compile", "--root", b], { cwd: os.tmpdir(), stdio: "pipe" });
  assert.equal(readTree(gen(b)), readTree(gen(a)));
  // the bundle sits in .cache/build under a key of the sources
  assert.ok(fs.readdirSync(path.join(REPO_ROOT, ".cache", "build")).some((k) => fs.existsSync(path.join(REPO_ROOT, ".cache", "build", k, "cli.cjs"))));
  writeTenant(b, "broken", tenantSource("broken").replace('release: "ulmo"', 'release: "nope"'));
  const before = readTree(gen(b));
  let failed: { status: number; stderr: string } | undefined;
  try {
    execFileSync(process.execPath, [path.join(REPO_ROOT, "compiler", "run.mjs"), "compile", "--root", b], { stdio: "pipe", encoding: "utf8" });
  } catch (e) {
    failed = e as { status: number; stderr: string };
  }
  assert.is(failed?.status, 1);
  assert.match(failed!.stderr, /tenants\/broken\.ts:\d+:\d+ error/);
  assert.equal(readTree(gen(b)), before);
});

test("adding a tenant changes only that tenant's files and fleet.json", async () => {
  const root = tempFleet();
  await run(root, "compile");
  const before = readTree(gen(root));
  writeTenant(root, "delta", tenantSource("delta"));
  assert.is((await run(root, "compile")).code, 0);
  const after = readTree(gen(root));
  const changed = [...new Set([...before.keys(), ...after.keys()])].filter((p) => before.get(p) !== after.get(p)).sort();
  assert.ok(changed.length > 3);
  // its Argo CD objects, its root in its cluster's tenants folder, its own folder: never a shared file
  for (const p of changed) assert.ok(p === "fleet.json" || p === "apps/delta.yaml" || p === "apps/tenants/main/delta.yaml" || p.startsWith("tenants/delta/"), p);
});

test("removing a tenant deletes exactly its files and keeps files the compiler never wrote", async () => {
  const root = tempFleet({ tenants: { delta: tenantSource("delta", 'state: "archived",') } });
  await run(root, "compile");
  fs.writeFileSync(path.join(gen(root), "tenants", "delta", "NOTES.md"), "kept\n");
  fs.writeFileSync(path.join(gen(root), "README.md"), "kept\n");
  const others = [...readTree(gen(root)).keys()].filter((p) => !p.includes("delta") && p !== "fleet.json");
  fs.rmSync(path.join(root, "tenants", "delta.ts"));
  const r = await run(root, "compile");
  assert.is(r.code, 0, r.err);
  const after = readTree(gen(root));
  assert.not.ok(after.has("apps/delta.yaml"));
  assert.not.ok(after.has("tenants/delta/config.yml"));
  assert.is(after.get("tenants/delta/NOTES.md"), "kept\n");
  assert.is(after.get("README.md"), "kept\n");
  for (const p of others) assert.ok(after.has(p), p);
});

test("check lists stale, missing and extra files and exits 1; compile repairs them", async () => {
  const root = tempFleet();
  await run(root, "compile");
  fs.appendFileSync(path.join(gen(root), "tenants", "acme", "config.yml"), "EXTRA: 1\n");
  fs.rmSync(path.join(gen(root), "apps", "globex.yaml"));
  fs.writeFileSync(path.join(gen(root), "apps", "stray.yaml"), "kind: Nothing\n");
  const r = await run(root, "check");
  assert.is(r.code, 1);
  assert.match(r.err, "stale:   generated/tenants/acme/config.yml (edited by hand)");
  assert.match(r.err, "missing: generated/apps/globex.yaml");
  assert.match(r.err, "extra:   generated/apps/stray.yaml (not written by the compiler)");
  assert.match(r.err, "Run `npm run compile`");
  assert.is((await run(root, "compile")).code, 0);
  const again = await run(root, "check");
  assert.is(again.code, 1, "a foreign file is still reported");
  assert.not.match(again.err, "stale:");
  assert.not.match(again.err, "missing:");
});

test("check reports the files of a deleted tenant as extra", async () => {
  const root = tempFleet({ tenants: { delta: tenantSource("delta", 'state: "archived",') } });
  await run(root, "compile");
  fs.rmSync(path.join(root, "tenants", "delta.ts"));
  const r = await run(root, "check");
  assert.is(r.code, 1);
  assert.match(r.err, "extra:   generated/apps/delta.yaml (no longer produced)");
  assert.match(r.err, "stale:   generated/fleet.json");
});

test("a committed manifest naming a path outside generated/ is never acted upon", async () => {
  const root = tempFleet();
  await run(root, "compile");
  const index = JSON.parse(fs.readFileSync(path.join(gen(root), "fleet.json"), "utf8"));
  index.files["../platform/platform.ts"] = "0000000000000000";
  fs.writeFileSync(path.join(gen(root), "fleet.json"), JSON.stringify(index));
  const r = await run(root, "check");
  assert.is(r.code, 1);
  assert.match(r.err, "manifest names an unsafe path");
  await run(root, "compile");
  assert.ok(fs.existsSync(path.join(root, "platform", "platform.ts")));
});

test("a broken platform file is reported alone, with its location", async () => {
  const platform = fs.readFileSync(path.join(FIXTURE_FLEET, "platform", "platform.ts"), "utf8").replace('acmeEmail: "platform@example.org"', 'acmeEmail: "nobody"');
  const root = tempFleet({ platform });
  const r = await run(root, "compile");
  assert.is(r.code, 1);
  assert.match(r.err, /^platform\/platform\.ts:\d+:\d+ error acmeEmail: "nobody" is not an e-mail address/m);
  assert.not.ok(fs.existsSync(gen(root)));
});

test.run();
