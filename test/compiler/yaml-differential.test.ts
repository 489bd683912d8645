// The YAML writer writes byte for byte what the writer it replaced wrote (reference-yaml.ts), for any plain data:
// shared frozen parts, undefined members, empty collections, multi-line strings, several documents and headers.
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { DATA_KEY_ORDER, KUBE_KEY_ORDER, toYaml } from "../../compiler/render/yaml";
import { toYaml as referenceYaml } from "./reference-yaml";

const text = fc.oneof(
  fc.string({ unit: fc.constantFrom(..."aZ_09.-/:# ,=?*&!|>'\"%@`[]{}~\t\n\r\u00e9\u2028yesnotrue".split("")), maxLength: 10 }),
  fc.constantFrom("", "yes", "1.5", "two\nlines\n", "  indented\nblock", "ends\n\n", "\n", "a: b", "tenant-00001", "256Mi", "line\n with space\n"),
);
const key = fc.oneof(fc.constantFrom(...KUBE_KEY_ORDER, ...DATA_KEY_ORDER, "spec", "data", "labels", "a", "B"), fc.string({ maxLength: 4 }));

// some collections frozen deeply (kept once written), some frozen at the top only, others not
const freeze = (v: object, how: number): object => {
  if (how === 1) for (const x of Object.values(v)) if (x !== null && typeof x === "object") Object.freeze(x);
  return how > 0 ? Object.freeze(v) : v;
};
const data: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small" }, text, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), fc.constant(undefined), tie("list"), tie("map")),
  list: fc.tuple(fc.array(tie("value"), { maxLength: 4 }), fc.nat(2)).map(([v, how]) => freeze(v, how)),
  map: fc.tuple(fc.dictionary(key, tie("value"), { maxKeys: 5 }), fc.nat(2)).map(([v, how]) => freeze(v, how)),
})).value;

test("the same bytes as the reference writer, one document or several, with or without a header", () => {
  fc.assert(
    fc.property(fc.array(data, { minLength: 1, maxLength: 3 }), fc.boolean(), fc.option(fc.constantFrom("generated", "two\nlines", "x\n\ny")), fc.boolean(), (docs, multi, header, plain) => {
      const defined = docs.filter((d) => d !== undefined);
      if (defined.length === 0) return;
      const opts = { multi, leading: plain ? DATA_KEY_ORDER : KUBE_KEY_ORDER, ...(header === null ? {} : { header }) };
      const input = multi ? defined : defined[0];
      const expected = referenceYaml(input, opts);
      assert.is(toYaml(input, opts), expected);
      // again: frozen parts from what was kept
      assert.is(toYaml(input, opts), expected);
    }),
    { numRuns: 3000 },
  );
});

test("the same bytes for shared frozen parts placed at many depths, in sequences and under keys", () => {
  fc.assert(
    fc.property(data, (part) => {
      const shared = part !== null && typeof part === "object" ? Object.freeze(part) : part;
      const doc = { a: shared, b: [shared, [shared], { c: shared }], d: { e: { f: [{ g: shared }] } } };
      assert.is(toYaml([doc, doc], { multi: true }), referenceYaml([doc, doc], { multi: true }));
    }),
    { numRuns: 1000 },
  );
});

test.run();
