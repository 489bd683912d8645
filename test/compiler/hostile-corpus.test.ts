// The hostile-input corpus: each file in test/fixtures/hostile/<class>/ is compiled alone beside the fixture
// fleet. A hostile file is refused at its own line (exit 1, "Nothing was written.", generated/ byte-identical);
// an awkward-but-legitimate one (`// expect: ok`) compiles.
import fs from "node:fs";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { REPO_ROOT, run, tempFleet, treeHash } from "../helpers/fleet";

const corpus = path.join(REPO_ROOT, "test", "fixtures", "hostile");
const classes = fs.existsSync(corpus) ? fs.readdirSync(corpus).filter((d) => fs.statSync(path.join(corpus, d)).isDirectory()).sort() : [];
const cases = classes.flatMap((c) =>
  fs.readdirSync(path.join(corpus, c)).filter((f) => f.endsWith(".ts")).sort().map((f) => ({ cls: c, file: f })),
);

interface Expectation {
  code: string;
  line: number;
  col: number;
  words?: string;
}

/** `// expect: code@line:col words` lines (one or more), or `// expect: ok`. */
function expectations(text: string): Expectation[] | "ok" | undefined {
  if (/^\/\/ expect: ok\s*$/m.test(text)) return "ok";
  const found = [...text.matchAll(/^\/\/ expect: ([a-z0-9-]+)@(\d+):(\d+)(?: (.*))?$/gm)].map((m) => ({
    code: m[1]!,
    line: Number(m[2]),
    col: Number(m[3]),
    ...(m[4] ? { words: m[4].trim() } : {}),
  }));
  return found.length ? found : undefined;
}

// One fleet compiled once; each hostile case adds its file and removes it again, and leaves generated/ as that
// first compile wrote it (hashed once).
const root = tempFleet();
const ready = run(root, "compile").then((r) => ({ ...r, tree: treeHash(path.join(root, "generated")) }));

test("the corpus holds at least 60 files, each stating what it expects and what it tries", () => {
  assert.ok(cases.length >= 60, `${cases.length} files`);
  for (const { cls, file } of cases) {
    const text = fs.readFileSync(path.join(corpus, cls, file), "utf8");
    assert.ok(expectations(text), `${cls}/${file} has an // expect: line`);
    if (expectations(text) !== "ok") assert.match(text, /^\/\/ hostile: \S/m, `${cls}/${file} says what it tries`);
  }
});

for (const { cls, file } of cases) {
  test(`${cls}/${file}`, async () => {
    assert.is((await ready).code, 0);
    const text = fs.readFileSync(path.join(corpus, cls, file), "utf8");
    const expected = expectations(text);
    if (expected === "ok") {
      const fleet = tempFleet();
      fs.writeFileSync(path.join(fleet, "tenants", file), text);
      const result = await run(fleet, "compile");
      assert.is(result.code, 0, result.err);
      assert.ok(fs.existsSync(path.join(fleet, "generated", "tenants", path.basename(file, ".ts"))), "the tenant was compiled");
      return;
    }
    const before = (await ready).tree;
    const target = path.join(root, "tenants", file);
    fs.writeFileSync(target, text);
    try {
      const result = await run(root, "compile");
      assert.is(result.code, 1, `exit ${result.code}\n${result.err}`);
      const reports = result.err.split(/\n(?=\S)/);
      for (const e of expected!) {
        const head = `tenants/${file}:${e.line}:${e.col} error `;
        const hit = reports.find((d) => d.startsWith(head) && d.includes(`[${e.code}]`) && (!e.words || d.includes(e.words)));
        assert.ok(hit, `expected ${head}... [${e.code}] ${e.words ?? ""} in:\n${result.err}`);
      }
      assert.ok(result.err.includes("Nothing was written."), result.err);
      assert.is(treeHash(path.join(root, "generated")), before, "generated/ is byte-identical");
    } finally {
      fs.rmSync(target, { force: true });
    }
  });
}

test.run();
