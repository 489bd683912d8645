// The apply's own failure paths: a lock lost before the commit point writes nothing; a failure while moving files
// into place (past the commit point) is reported as a partly updated generated/, and the next compile finishes it.
import fs from "node:fs";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { applyPlan, stagingDir } from "../../compiler/output/apply";
import { planOutput } from "../../compiler/output/plan";
import { build } from "../../compiler/compile";
import { UserError } from "../../compiler/diagnostics";
import { readTree, run, tenantSource, treeHash, writeTenant } from "../helpers/fleet";
import { cleanTreeHash, gen, smallFleet } from "./helpers";

/** Compiles `root` in this process with every move into place asked first whether it fails (with EIO). */
async function compileWithRenameFailing(root: string, fails: (to: string) => boolean) {
  const rename = fs.renameSync;
  fs.renameSync = (from: fs.PathLike, to: fs.PathLike) => {
    if (fails(String(to))) throw Object.assign(new Error("EIO: i/o error, rename"), { code: "EIO" });
    rename(from, to);
  };
  try {
    return await run(root, "compile");
  } finally {
    fs.renameSync = rename;
  }
}

test("a lock taken over before the commit point: nothing is written, the staging goes", async () => {
  const root = await smallFleet(2);
  writeTenant(root, "t3", tenantSource("t3"));
  const before = readTree(gen(root));
  const plan = planOutput(gen(root), build(root).files, { listForeign: false });
  assert.ok(plan.writes.length > 0);
  try {
    applyPlan(root, gen(root), plan, { stillHeld: () => false });
    assert.unreachable("the apply must stop");
  } catch (e) {
    assert.instance(e, UserError);
    assert.equal((e as UserError).diagnostics.map((d) => d.code), ["output-lock-lost"]);
  }
  assert.equal(readTree(gen(root)), before);
  assert.not.ok(fs.existsSync(path.join(gen(root), "tenants", "t3")), "no folder made for t3 is left");
  assert.not.ok(fs.existsSync(stagingDir(root)));
});

test("a failure while moving files into place: reported as partly updated (no stack trace), finished by the next compile", async () => {
  const root = await smallFleet(2);
  writeTenant(root, "t3", tenantSource("t3"));
  let moved = 0;
  const r = await compileWithRenameFailing(root, (to) => to.startsWith(gen(root) + path.sep) && ++moved === 3);
  assert.is(r.code, 1);
  assert.match(r.err, /^generated\/\S+:1:1 error moving the staged files into generated\/ failed here \(EIO\) \[output-partly-applied\]/m);
  assert.match(r.err, "generated/ is partly updated: run `npm run compile` again to finish it.");
  assert.not.match(r.err, "Nothing was written");
  assert.not.match(r.err, "    at ");
  const again = await run(root, "compile");
  assert.is(again.code, 0, again.err);
  assert.match(again.err, "finished an interrupted compile first");
  assert.is(treeHash(gen(root)), await cleanTreeHash(root));
});

test("a first compile (no generated/) moves the whole tree into place at once: a failure before that leaves no generated/, the next compile writes it all", async () => {
  const root = await smallFleet(2, false);
  assert.not.ok(fs.existsSync(gen(root)));
  const moves: string[] = [];
  const r = await compileWithRenameFailing(root, (to) => (moves.push(to), to === gen(root)));
  assert.is(r.code, 1);
  assert.match(r.err, "Nothing was written.");
  assert.equal(moves.filter((m) => m.startsWith(gen(root))), [gen(root)], "one move: the whole tree");
  assert.not.ok(fs.existsSync(gen(root)), "no generated/ at all");
  assert.not.ok(fs.existsSync(stagingDir(root)), "the staging went");
  const again = await run(root, "compile");
  assert.is(again.code, 0, again.err);
  assert.not.match(again.err, "interrupted");
  assert.is(treeHash(gen(root)), await cleanTreeHash(root));
  assert.is((await run(root, "check")).code, 0);
});

test.run();
