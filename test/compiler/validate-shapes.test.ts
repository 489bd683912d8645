// Shared validations (validate/shape-key.ts): objects share a verdict only where their schema cannot tell them apart.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { shapeKey } from "../../compiler/validate/shape-key";
import { SchemaValidator } from "../../compiler/validate/kube-schemas";

const re = (p: string) => new RegExp(p, "u");
const schema = {
  type: "object",
  additionalProperties: false,
  properties: {
    metadata: { type: "object" },
    name: { type: "string", pattern: "^[a-z]+$", maxLength: 8 },
    free: { type: "string" },
    mode: { type: "string", enum: ["a", "b"] },
    tags: { type: "array", uniqueItems: true, items: { type: "string" } },
    list: { type: "array", items: { type: "string" } },
  },
};

test("strings the schema accepts alike share a key; keys, numbers and structure do not", () => {
  const k = (o: unknown) => shapeKey(o, schema, re);
  assert.is(k({ name: "abc", free: "x", metadata: { name: "one" } }), k({ name: "xyz", free: "y", metadata: { name: "two" } }));
  assert.is.not(k({ name: "abc" }), k({ name: "ABC" }), "a string failing the pattern keeps its own key");
  assert.is.not(k({ name: "abc" }), k({ name: "abcdefghij" }), "a string over maxLength keeps its own key");
  assert.is.not(k({ mode: "a" }), k({ mode: "c" }), "an enum's strings are kept");
  assert.is.not(k({ tags: ["a", "b"] }), k({ tags: ["a", "a"] }), "uniqueItems compares values: kept whole");
  assert.is(k({ list: ["a", "b"] }), k({ list: ["c", "d"] }));
  assert.is.not(k({ list: ["a"] }), k({ list: ["a", "b"] }));
  assert.is.not(k({ free: "1" }), k({ free: 1 }), "types are kept");
  assert.is.not(k({ free: "x" }), k({ other: "x" }), "property names are kept");
});

test("the validator shares verdicts and still reports each object's own errors", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shapes-"));
  try {
    fs.mkdirSync(path.join(dir, "crds", "example.org"), { recursive: true });
    fs.writeFileSync(path.join(dir, "crds", "example.org", "thing_v1.json"), JSON.stringify({ ...schema, properties: { ...schema.properties, apiVersion: { type: "string" }, kind: { type: "string" } } }));
    const v = new SchemaValidator(dir, path.join(dir, "cache"));
    const obj = (name: string, extra: object = {}) => ({ apiVersion: "example.org/v1", kind: "Thing", metadata: { name }, name, ...extra });
    const verdicts = [obj("abc"), obj("def"), obj("Bad"), obj("ghi", { unknown: 1 })].map((o) => v.validate(o));
    assert.equal(verdicts.map((x) => ("errors" in x ? x.errors.map((e) => e.path) : "missing")), [[], [], ["/name"], ["/"]]);
    assert.is(v.stats.shared, 1);
    // a second validator loads the saved validator code and gives the same verdicts
    const again = new SchemaValidator(dir, path.join(dir, "cache"));
    assert.equal(again.validate(obj("Bad")), verdicts[2]);
    assert.ok(fs.readdirSync(path.join(dir, "cache")).some((f) => f.endsWith(".cjs")));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
