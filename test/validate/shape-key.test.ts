// Shape keys (validate/shape-key.ts) keep apart what a schema can tell apart, NaN and the infinities included.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { shapeKey } from "../../compiler/validate/shape-key";

const re = (p: string) => new RegExp(p, "u");
const schema = { type: "object", properties: { n: { type: "number" }, e: { enum: [1, null] }, s: { type: "string" } } };

test("numbers YAML can give (.nan, .inf) do not share a key with null, nor with each other", () => {
  const k = (o: unknown) => shapeKey(o, schema, re);
  const values = [null, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0, "NaN"];
  for (const field of ["n", "e", "x"]) {
    const keys = values.map((v) => k({ [field]: v }));
    assert.is(new Set(keys).size, values.length, `under ${field}: ${keys.join(" | ")}`);
  }
  assert.is(k({ s: "a" }), k({ s: "b" }), "strings with no rule share one token");
});

test.run();
