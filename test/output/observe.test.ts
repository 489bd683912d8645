// What the tenant pool sees at an output file's place: no file, the same bytes (the text's hash), other bytes
// (their hash), and nothing plain (a folder, a FIFO, a file where a folder should be) counted as no file.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { observe, utf8Of } from "../../compiler/output/observe";
import { hashOf } from "../../compiler/output/manifest";
import { sameText } from "../../compiler/output/plan";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "observe-"));
const put = (rel: string, content: string | Buffer) => {
  fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  fs.writeFileSync(path.join(dir, rel), content);
};
const seen = (rel: string, text: string) => observe(dir, rel, utf8Of(text), "TEXT-HASH");

test("no file, or no folder: not found", () => {
  assert.equal(seen("absent.yaml", "a: 1\n"), { found: false });
  assert.equal(seen("no/such/folder.yaml", "a: 1\n"), { found: false });
  put("plain", "x");
  assert.equal(seen("plain/under-a-file.yaml", "a: 1\n"), { found: false });
});

test("the same bytes: the text's hash and the file's stamp; other bytes: their own hash", () => {
  for (const text of ["a: 1\n", "name: café ✓ 𝄞\n", "", "x".repeat(300_000) + "é".repeat(200_000)]) {
    put("same.yaml", text);
    const st = fs.statSync(path.join(dir, "same.yaml"));
    const got = seen("same.yaml", text);
    assert.equal(got, { found: true, stamp: { size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, ino: st.ino, dev: st.dev }, hash: "TEXT-HASH" });
    for (const other of [text + "\n", text.slice(1), text.replace(/é/g, "e\u0301"), "é" + text.slice(2)]) {
      if (other === text) continue;
      assert.equal((seen("same.yaml", other) as { hash: string }).hash, hashOf(Buffer.from(text)), JSON.stringify(other.slice(0, 20)));
    }
  }
  // bytes that are no UTF-8 at all
  const raw = Buffer.from([0x61, 0xff, 0xfe, 0x0a]);
  put("raw.yaml", raw);
  assert.equal((seen("raw.yaml", "a\ufffd\ufffd\n") as { hash: string }).hash, hashOf(raw));
  // and the plan's comparison, for files rendered on the main thread
  assert.not.ok(sameText(raw, "a\ufffd\ufffd\n"));
  assert.ok(sameText(Buffer.from("name: café\n"), "name: café\n"));
  assert.ok(sameText(Buffer.alloc(0), ""));
});

test("after missing files (a first compile), a file is still found, and one after it", () => {
  for (let i = 0; i < 3; i++) assert.equal(seen(`missing-${i}/x.yaml`, "a: 1\n"), { found: false });
  put("late/one.yaml", "a: 1\n");
  put("late/two.yaml", "b: 2\n");
  assert.equal((seen("late/one.yaml", "a: 1\n") as { hash: string }).hash, "TEXT-HASH");
  assert.equal((seen("late/two.yaml", "b: 3\n") as { hash: string }).hash, hashOf(Buffer.from("b: 2\n")));
  assert.equal(seen("late/three.yaml", "c: 1\n"), { found: false });
  fs.mkdirSync(path.join(dir, "late", "folder.yaml"));
  assert.equal(seen("late/folder.yaml", "c: 1\n"), { found: false });
});

test("a text encoded once: its UTF-8 bytes, whose hash is the text's, at any length and with lone surrogates", () => {
  for (const text of ["", "a: 1\n", "name: café ✓ 𝄞\n", "lone \ud800 and \udc00", "x".repeat(100_000) + "é", "é".repeat(90_000), "𝄞".repeat(70_000)]) {
    const bytes = utf8Of(text);
    assert.ok(bytes.equals(Buffer.from(text, "utf8")), JSON.stringify(text.slice(0, 20)));
    assert.is(hashOf(bytes), hashOf(text));
  }
});

test("a folder or a FIFO in the way: not found, and never waited on", () => {
  fs.mkdirSync(path.join(dir, "folder.yaml"));
  assert.equal(seen("folder.yaml", "a: 1\n"), { found: false });
  execFileSync("mkfifo", [path.join(dir, "fifo.yaml")]);
  assert.equal(seen("fifo.yaml", "a: 1\n"), { found: false });
});

test.after(() => fs.rmSync(dir, { recursive: true, force: true }));
test.run();
