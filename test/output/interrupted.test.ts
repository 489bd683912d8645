// A compile killed after its commit record (a real SIGKILL in a child process), and what the next run does with
// its staging: finishes it only for the same inputs and an untouched generated/, never before validating, and
// otherwise discards it, leaving generated/ exactly as a clean compile of the current inputs.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { stagingDir } from "../../compiler/output/apply";
import { readTree, run, tenantSource, treeHash, writeTenant } from "../helpers/fleet";
import { cleanTreeHash, gen, killedCompile, smallFleet } from "./helpers";

const git = (root: string, ...args: string[]) =>
  execFileSync("git", ["-C", root, "-c", "user.name=test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false", ...args], { encoding: "utf8" });

/** A compiled fleet, then a change (`t2` renamed in its site name, a new tenant `t9`) whose compile is killed mid-apply. */
async function interruptedChange(at = 3): Promise<string> {
  const root = await smallFleet(3);
  writeTenant(root, "t2", tenantSource("t2").replace('platformName: "Tenant t2"', 'platformName: "Tenant two"'));
  writeTenant(root, "t9", tenantSource("t9"));
  const killed = killedCompile(root, at);
  assert.is(killed.signal, "SIGKILL", killed.err);
  assert.ok(fs.existsSync(path.join(stagingDir(root), "COMMIT.json")), "killed after the commit record");
  return root;
}

test("same inputs: the next compile finishes the interrupted apply, and generated/ is a clean compile's", async () => {
  const root = await interruptedChange();
  const r = await run(root, "compile", "--lock-wait", "30");
  assert.is(r.code, 0, r.err);
  assert.match(r.err, /finished an interrupted compile first \(same inputs; \d+ file\(s\) moved into place\)/);
  assert.not.ok(fs.existsSync(stagingDir(root)));
  assert.is(treeHash(gen(root)), await cleanTreeHash(root));
  assert.is((await run(root, "check")).code, 0);
});

test("killed after the commit record, then `git checkout` to other inputs: the stale staging is discarded, not replayed", async () => {
  const root = await smallFleet(3);
  git(root, "init", "-q", "-b", "main");
  git(root, "add", "-A");
  git(root, "commit", "-qm", "compiled");
  const committed = treeHash(gen(root));
  git(root, "checkout", "-qb", "change");
  writeTenant(root, "t2", tenantSource("t2").replace('platformName: "Tenant t2"', 'platformName: "Tenant two"'));
  writeTenant(root, "t9", tenantSource("t9"));
  git(root, "add", "tenants");
  git(root, "commit", "-qm", "change");
  const killed = killedCompile(root, 4);
  assert.is(killed.signal, "SIGKILL");
  git(root, "checkout", "-qf", "main"); // generated/ back to its committed files; the killed run's new files stay
  const r = await run(root, "compile", "--lock-wait", "30");
  assert.is(r.code, 0, r.err);
  assert.match(r.err, "discarded an interrupted compile's staged files: this run's inputs give other content for generated/");
  assert.is(treeHash(gen(root)), committed, "nothing of the other branch is left in generated/ (its new files are deleted too)");
  assert.is(git(root, "status", "--porcelain", "generated"), "");
});

test("a compile that fails validation after an interrupted one changes nothing, and keeps the staging", async () => {
  const root = await interruptedChange(2);
  const before = readTree(gen(root));
  const staged = readTree(stagingDir(root));
  writeTenant(root, "bad", tenantSource("bad").replace('size: "small"', 'size: "gigantic"'));
  const r = await run(root, "compile", "--lock-wait", "30");
  assert.is(r.code, 1);
  assert.match(r.err, "Nothing was written.");
  assert.not.match(r.err, "finished an interrupted compile");
  assert.equal(readTree(gen(root)), before, "generated/ byte-identical");
  assert.equal(readTree(stagingDir(root)), staged, "the staging is left for a run that validates");
  // fixed: the next compile gives a clean compile's output
  fs.rmSync(path.join(root, "tenants", "bad.ts"));
  const fixed = await run(root, "compile");
  assert.is(fixed.code, 0, fixed.err);
  assert.is(treeHash(gen(root)), await cleanTreeHash(root));
});

test("inputs edited after the crash: the staging is discarded, and files only the crashed run wanted are deleted", async () => {
  const root = await interruptedChange(6);
  fs.rmSync(path.join(root, "tenants", "t9.ts")); // t9 never reached a committed fleet.json: it may simply go
  const r = await run(root, "compile");
  assert.is(r.code, 0, r.err);
  assert.match(r.err, "discarded an interrupted compile's staged files");
  assert.is(treeHash(gen(root)), await cleanTreeHash(root));
  assert.not.ok(Object.keys(Object.fromEntries(readTree(gen(root)))).some((p) => p.includes("t9")), "no file of t9 is left");
});

test("generated/ edited after the crash: the staging is discarded and the edit is replaced by the compiled file", async () => {
  const root = await interruptedChange(2);
  const record = JSON.parse(fs.readFileSync(path.join(stagingDir(root), "COMMIT.json"), "utf8")) as { entries: { path: string }[] };
  const touched = record.entries.filter((e) => e.path !== "fleet.json").at(-1)!.path; // not moved yet
  fs.writeFileSync(path.join(gen(root), touched), "edited by hand\n");
  const r = await run(root, "compile");
  assert.is(r.code, 0, r.err);
  assert.match(r.err, `discarded an interrupted compile's staged files: generated/${touched} has changed since`);
  assert.is(treeHash(gen(root)), await cleanTreeHash(root));
});

test("a damaged staged file is never moved into generated/", async () => {
  const root = await interruptedChange(1);
  const files = path.join(stagingDir(root), "files");
  for (const f of fs.readdirSync(files)) fs.writeFileSync(path.join(files, f), "damaged\n");
  const r = await run(root, "compile");
  assert.is(r.code, 0, r.err);
  assert.match(r.err, "is missing or damaged");
  assert.is(treeHash(gen(root)), await cleanTreeHash(root));
});

test("check reports a waiting interrupted compile", async () => {
  const root = await interruptedChange(2);
  const r = await run(root, "check", "--lock-wait", "30");
  assert.is(r.code, 1);
  assert.match(r.err, "a compile was interrupted while updating generated/");
});

test.run();
