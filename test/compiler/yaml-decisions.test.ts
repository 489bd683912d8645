// The YAML writer's fast paths decide as the full rules do: which strings stay plain, and the order of keys.
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import YAML from "yaml";
import { DATA_KEY_ORDER, KUBE_KEY_ORDER, toYaml } from "../../compiler/render/yaml";

// The rules as first written (one regular expression per question), kept here as the reference.
const SPECIAL = new Set("y Y yes Yes YES n N no No NO true True TRUE false False FALSE on On ON off Off OFF null Null NULL ~ <<".split(" "));
function referencePlain(s: string): boolean {
  if (/^[A-Za-z_][A-Za-z0-9_./-]*$/.test(s)) return !SPECIAL.has(s);
  if (s === "" || SPECIAL.has(s) || s !== s.trim()) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`=]/.test(s)) return false;
  if (/^[-+.]?[0-9]/.test(s) || /^[-+]?\.(inf|nan)$/i.test(s) || /^[-+]?\.[0-9_.]*$/.test(s)) return false;
  if (s.includes(": ") || s.includes(" #") || s.endsWith(":")) return false;
  // eslint-disable-next-line no-control-regex
  return !/[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/.test(s);
}

// The yaml library's 1.1 mode reads `e9` as a float; YAML 1.1's own pattern needs a dot there, and PyYAML
// and Go's yaml (Tutor, Argo CD) read a string.
const YAML_LIB_1_1_QUIRK = /^[-+]?[eE][-+]?[0-9]+$/;

// characters YAML gives a meaning to, and some it does not
const yamlish = fc.string({
  unit: fc.constantFrom(..."aZ_09.-/:# ,=?*&!|>'\"%@`[]{}~<+\t\n\r\u0085\u00e9\u2028\ufeffyesnoONtrueflsinaxX".split("")),
  maxLength: 12,
});
const anyString = fc.oneof(yamlish, fc.string({ unit: "binary", maxLength: 12 }), fc.constantFrom(...SPECIAL, "https://a.b:8080/x", "a=b,c=d", "key:", "a:b", "ab:"));

test("a string is written plain exactly when the full rules allow it, as a value and as a key", () => {
  fc.assert(
    fc.property(anyString, (s) => {
      const value = toYaml({ v: s });
      assert.is(value === `v: ${s}\n`, referencePlain(s), `value ${JSON.stringify(s)}: ${value}`);
      const key = toYaml({ [s]: 1 });
      assert.is(key === `${s}: 1\n`, referencePlain(s), `key ${JSON.stringify(s)}: ${key}`);
      for (const version of ["1.1", "1.2"] as const) {
        if (version === "1.1" && YAML_LIB_1_1_QUIRK.test(s)) continue;
        assert.equal(YAML.parse(value, { version }), { v: s }, `YAML ${version} reading of ${value}`);
      }
    }),
    { numRuns: 3000 },
  );
});

test("the same string written twice (the second from the memo) is written the same", () => {
  for (const s of ["*", "1h", "256Mi", "a: b", "0", "", "yes", "multi\nline"]) {
    const first = toYaml({ a: s, b: [s, { c: s }] });
    assert.is(toYaml({ a: s, b: [s, { c: s }] }), first);
    assert.equal(YAML.parse(first, { version: "1.1" }), { a: s, b: [s, { c: s }] });
  }
});

function referenceOrder(keys: string[], leading: readonly string[]): string[] {
  const rank = (k: string) => (leading.includes(k) ? leading.indexOf(k) : Infinity);
  return [...keys].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

test("keys in any insertion order come out leading keys first, then by code unit", () => {
  const keyName = fc.oneof(fc.constantFrom(...KUBE_KEY_ORDER, ...DATA_KEY_ORDER, "a", "B", "_x", "z9", "spec", "data"), fc.string({ minLength: 1, maxLength: 4 }));
  fc.assert(
    fc.property(fc.uniqueArray(keyName, { maxLength: 20 }), fc.boolean(), (keys, data) => {
      const leading = data ? DATA_KEY_ORDER : KUBE_KEY_ORDER;
      const object = Object.fromEntries(keys.map((k, i) => [k, i]));
      // (the failsafe schema reads every scalar as the string written)
      const written = YAML.parseDocument(toYaml(object, { leading }), { schema: "failsafe" }).contents as YAML.YAMLMap<YAML.Scalar<string>>;
      const order = written && "items" in written ? written.items.map((p) => String(p.key.value)) : [];
      assert.equal(order, referenceOrder(keys, leading));
    }),
    { numRuns: 1000 },
  );
});

// plain data, with undefined members and multi-line strings, as renderers build it
const data: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small" }, anyString, fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.constant("two\nlines\n"), tie("list"), tie("map")),
  list: fc.array(tie("value"), { maxLength: 4 }),
  map: fc.dictionary(fc.oneof(fc.constantFrom("apiVersion", "kind", "name", "id", "spec"), fc.string({ maxLength: 3 })), tie("value"), { maxKeys: 5 }),
})).value;

const deepFreeze = <T>(v: T): T => {
  if (v !== null && typeof v === "object") {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
};
const copy = (v: unknown): unknown => (v === null || typeof v !== "object" ? v : Array.isArray(v) ? v.map(copy) : Object.fromEntries(Object.entries(v).map(([k, x]) => [k, copy(x)])));

test("a deeply frozen collection, kept once written, is written as a fresh copy of it would be, at any place", () => {
  fc.assert(
    fc.property(data, fc.boolean(), (value, plain) => {
      const leading = plain ? DATA_KEY_ORDER : KUBE_KEY_ORDER;
      const shared = deepFreeze(copy(value));
      // the same frozen value under a key, in a sequence, nested deeper, and again
      const place = (v: unknown) => ({ a: v, b: [v, { c: v }], d: { e: { f: v } }, g: [[v]] });
      const expected = toYaml(place(copy(value)), { leading });
      assert.is(toYaml(place(shared), { leading }), expected);
      assert.is(toYaml(place(shared), { leading }), expected);
      assert.is(toYaml(place(shared), { leading: plain ? KUBE_KEY_ORDER : DATA_KEY_ORDER }), toYaml(place(copy(value)), { leading: plain ? KUBE_KEY_ORDER : DATA_KEY_ORDER }));
    }),
    { numRuns: 500 },
  );
});

test("a frozen collection holding a collection that is not frozen is written afresh each time", () => {
  const inner = { b: 1 };
  const outer = Object.freeze({ a: inner });
  assert.is(toYaml({ x: outer }), "x:\n  a:\n    b: 1\n");
  inner.b = 2;
  assert.is(toYaml({ x: outer }), "x:\n  a:\n    b: 2\n");
});

test.run();
