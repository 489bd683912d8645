// The injection/, values/ and awkward/ classes of the hostile corpus (test/fixtures/hostile): each hostile
// file is refused at its own line with its code, exit 1 and nothing written; each awkward one compiles.
import fs from "node:fs";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { REPO_ROOT, run, tempFleet, treeHash } from "../helpers/fleet";

const CLASSES = ["injection", "values", "awkward"];
const corpus = path.join(REPO_ROOT, "test", "fixtures", "hostile");
const files = CLASSES.flatMap((c) =>
  fs.existsSync(path.join(corpus, c)) ? fs.readdirSync(path.join(corpus, c)).filter((f) => f.endsWith(".ts")).sort().map((f) => path.join(c, f)) : [],
);

// one fleet for the refused files (they change nothing); a fresh one for each file that must compile
const root = tempFleet();
const ready = run(root, "compile");

test("the injection and values classes hold at least 16 files", () => {
  assert.ok(files.filter((f) => !f.startsWith("awkward")).length >= 16, `${files.length} files`);
});

for (const rel of files) {
  test(`hostile ${rel}`, async () => {
    assert.is((await ready).code, 0);
    const text = fs.readFileSync(path.join(corpus, rel), "utf8");
    const file = path.basename(rel);
    if (/^\/\/ expect: ok$/m.test(text)) {
      const result = await run(tempFleet({ tenants: { [file.replace(/\.ts$/, "")]: text } }), "compile");
      assert.is(result.code, 0, result.err);
      return;
    }
    const target = path.join(root, "tenants", file);
    const before = treeHash(path.join(root, "generated"));
    fs.writeFileSync(target, text);
    try {
      const result = await run(root, "compile");
      const expect = /^\/\/ expect: ([a-z-]+)@(\d+):(\d+)(?: (.*))?$/m.exec(text);
      assert.ok(expect, `${rel} states what it expects`);
      const [, code, line, col, words] = expect!;
      assert.is(result.code, 1, result.err);
      const head = `tenants/${file}:${line}:${col} error `;
      const found = result.err.split(/\n(?=\S)/).find((d) => d.startsWith(head) && d.includes(`[${code}]`) && (!words || d.includes(words)));
      assert.ok(found, `expected ${head}... [${code}] ${words ?? ""} in:\n${result.err}`);
      assert.ok(result.err.includes("Nothing was written."));
      assert.is(treeHash(path.join(root, "generated")), before, "generated/ is byte-identical");
    } finally {
      fs.rmSync(target);
    }
  });
}

test.run();
