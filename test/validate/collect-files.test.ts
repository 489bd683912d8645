// The files validate reads (validate/documents.ts collectFiles): a plain walk that finds what the glob
// `**/*.yaml` found (generated/) or `**/*.{yaml,yml}` (other folders): hidden entries left out, links followed.
import fs from "node:fs";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { collectFiles } from "../../compiler/validate/documents";
import { tempDir } from "../helpers/fleet";

test("generated/ gives its .yaml files, sorted; other folders their .yml too; hidden entries never", () => {
  const root = tempDir("collect-");
  const touch = (rel: string) => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), "a: 1\n");
  };
  ["generated/b/x.yaml", "generated/a.yaml", "generated/t/config.yml", "generated/.hidden.yaml", "generated/.h/y.yaml", "out/r.yml", "out/s.yaml", "out/n.txt"].forEach(touch);
  const rel = (files: string[]) => files.map((f) => path.relative(root, f).split(path.sep).join("/"));
  assert.equal(rel(collectFiles(root, ["generated"])), ["generated/a.yaml", "generated/b/x.yaml"]);
  assert.equal(rel(collectFiles(root, ["out", "generated/t/config.yml"])), ["generated/t/config.yml", "out/r.yml", "out/s.yaml"]);
});

test("links: a linked file or folder is followed; a link back up the tree ends there", () => {
  const root = tempDir("collect-links-");
  fs.mkdirSync(path.join(root, "generated", "a", "b"), { recursive: true });
  fs.mkdirSync(path.join(root, "elsewhere"));
  fs.writeFileSync(path.join(root, "generated", "a", "b", "x.yaml"), "a: 1\n");
  fs.writeFileSync(path.join(root, "elsewhere", "e.yaml"), "a: 1\n");
  fs.symlinkSync(path.join(root, "generated", "a"), path.join(root, "generated", "a", "b", "up"));
  fs.symlinkSync(path.join(root, "elsewhere"), path.join(root, "generated", "linked"));
  fs.symlinkSync(path.join(root, "elsewhere", "e.yaml"), path.join(root, "generated", "f.yaml"));
  const rel = collectFiles(root, ["generated"]).map((f) => path.relative(root, f).split(path.sep).join("/"));
  assert.equal(rel, ["generated/a/b/x.yaml", "generated/f.yaml", "generated/linked/e.yaml"]);
});

test("a target that does not exist is a setup error naming it", () => {
  assert.throws(() => collectFiles(tempDir("collect-none-"), ["nowhere"]), /no such file or folder: nowhere/);
});

test.run();
