// The no-op compile served from .cache/ (cache/unchanged-run.ts): taken only when nothing compile reads has
// changed and generated/ holds exactly what the last compile wrote; otherwise the full compile runs.
import fs from "node:fs";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { unchangedRun } from "../../compiler/cache/unchanged-run";
import { stagingDir } from "../../compiler/output/apply";
import { run, tenantSource, treeHash, writeTenant } from "../helpers/fleet";
import { gen, smallFleet } from "./helpers";

const summary = (out: string) => out.replace(/\(\d+ ms\)/, "(n ms)").trim();

test("an unchanged fleet gets the last compile's result, warnings included, and the same tree", async () => {
  const root = await smallFleet(3);
  const full = await run(root, "compile");
  assert.ok(unchangedRun(root, {}), "the record of the compile before serves this run");
  const again = await run(root, "compile");
  assert.is(again.code, 0);
  assert.is(again.err, full.err, "the same warnings");
  assert.is(summary(again.out), summary(full.out));
  assert.match(again.out, /0 added, 0 changed, 0 removed/);
});

test("any change to inputs, options or generated/ runs the full compile", async () => {
  const root = await smallFleet(3);
  await run(root, "compile");
  assert.ok(unchangedRun(root, {}));
  assert.not.ok(unchangedRun(root, { "allow-delete": ["t1"] }), "other options");

  writeTenant(root, "t2", tenantSource("t2", `language: "fr",`));
  assert.not.ok(unchangedRun(root, {}), "an edited tenant");
  const edited = await run(root, "compile");
  assert.match(edited.out, /[1-9] changed/, edited.err);
  assert.ok(unchangedRun(root, {}));

  fs.writeFileSync(path.join(root, "platform", "notes.ts"), "export const x = 1;\n");
  assert.not.ok(unchangedRun(root, {}), "a new file under platform/");
  await run(root, "compile");

  const file = path.join(gen(root), "tenants", "t1", "config.yml");
  const before = fs.readFileSync(file, "utf8");
  fs.appendFileSync(file, "# edited by hand\n");
  assert.not.ok(unchangedRun(root, {}), "a generated file edited by hand");
  const fixed = await run(root, "compile");
  assert.match(fixed.err, /edited by hand; overwritten/);
  assert.is(fs.readFileSync(file, "utf8"), before);

  fs.rmSync(file);
  assert.not.ok(unchangedRun(root, {}), "a generated file removed");
  await run(root, "compile");
  assert.is(fs.readFileSync(file, "utf8"), before);

  fs.mkdirSync(stagingDir(root), { recursive: true });
  assert.not.ok(unchangedRun(root, {}), "an interrupted compile's staging");
});

test("--no-cache never takes the shortcut, and gives the same tree", async () => {
  const root = await smallFleet(2);
  const tree = treeHash(gen(root));
  const r = await run(root, "compile", "--no-cache");
  assert.is(r.code, 0);
  assert.is(treeHash(gen(root)), tree);
});

test.run();
