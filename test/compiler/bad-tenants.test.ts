// A corpus of bad tenant files: each yields its located error, exit 1, and leaves generated/ byte-identical.
import fs from "node:fs";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { REPO_ROOT, run, tempFleet, treeHash } from "../helpers/fleet";

const corpus = path.join(REPO_ROOT, "test", "fixtures", "bad-tenants");
const fixtures = fs.readdirSync(corpus).filter((f) => f.endsWith(".ts")).sort();

// One fleet with the example tenants, compiled once; each case adds its bad file and removes it again.
const root = tempFleet();
const ready = run(root, "compile");

test("the corpus holds at least 20 distinct bad tenant files", () => {
  assert.ok(fixtures.length >= 20, `${fixtures.length} fixtures`);
});

for (const file of fixtures) {
  test(`bad tenant ${file}`, async () => {
    assert.is((await ready).code, 0);
    const text = fs.readFileSync(path.join(corpus, file), "utf8");
    const expect = /^\/\/ expect: ([a-z-]+)@(\d+):(\d+)(?: (.*))?$/m.exec(text);
    assert.ok(expect, `${file} states what it expects`);
    const [, code, line, col, words] = expect!;
    const before = treeHash(path.join(root, "generated"));
    const target = path.join(root, "tenants", file);
    fs.writeFileSync(target, text);
    try {
      const result = await run(root, "compile");
      assert.is(result.code, 1, result.err);
      const head = `tenants/${file}:${line}:${col} error `;
      const diagnostic = result.err.split(/\n(?=\S)/).find((d) => d.startsWith(head) && d.includes(`[${code}]`) && (!words || d.includes(words)));
      assert.ok(diagnostic, `expected ${head}... [${code}] ${words ?? ""} in:\n${result.err}`);
      assert.ok(result.err.includes("Nothing was written."));
      assert.is(treeHash(path.join(root, "generated")), before, "generated/ is byte-identical");
    } finally {
      fs.rmSync(target);
    }
  });
}

test("every bad file is reported in one run", async () => {
  for (const file of fixtures) fs.copyFileSync(path.join(corpus, file), path.join(root, "tenants", file));
  try {
    const result = await run(root, "compile");
    assert.is(result.code, 1);
    const reported = new Set([...result.err.matchAll(/^tenants\/([^:]+\.ts):\d+:\d+ error/gm)].map((m) => m[1]!));
    // a duplicate host is reported on both tenants, so the example tenant shows up too
    assert.equal([...reported].filter((f) => fixtures.includes(f)).sort(), fixtures);
  } finally {
    for (const file of fixtures) fs.rmSync(path.join(root, "tenants", file));
  }
});

test.run();
