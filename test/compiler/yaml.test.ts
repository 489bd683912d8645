// The YAML writer: what YAML 1.1 (PyYAML, Tutor) and 1.2 readers read back is exactly what was written.
import { test } from "uvu";
import * as assert from "uvu/assert";
import YAML from "yaml";
import { canonical, toYaml, type Json } from "../../compiler/render/yaml";

const tricky = [
  "yes", "no", "on", "off", "y", "n", "Y", "N", "true", "False", "NULL", "~", "null", "",
  "1", "0o17", "017", "0x1F", "1_000", "1e3", "1.5", ".5", "-1", "+1", ".inf", "-.Inf", ".nan", "1:20", "12:30:00",
  "2001-12-14", "2001-12-14t21:59:43.10-05:00", "21.0.8", "500m", "2Gi", "1.0",
  "- item", "? key", ": x", "a: b", "a #b", "a#b", "#comment", "&anchor", "*alias", "!tag", "|", ">", "'q'", '"q"', "%x", "@x", "`x",
  " leading", "trailing ", "tab\there", "line\nbreak", "two\n\nlines\n", "ends\n\n", "  indented\nblock", "café", "日本語", "emoji 🎓",
  "https://learn.example.org/path?a=1&b=2", "ghcr.io/globex/openedx:21.0.8-globex.4", "key:value", "=", "<<", "C:\\path", "\u2028x", "\u0007bell",
  "[not a list]", "{not: a map}", "a, b", "x,y",
];

function roundTrip(value: Json) {
  const text = toYaml(canonical(value));
  assert.equal(YAML.parse(text, { version: "1.1" }), value, `YAML 1.1 reading of:\n${text}`);
  assert.equal(YAML.parse(text, { version: "1.2" }), value, `YAML 1.2 reading of:\n${text}`);
}

test("strings that a reader could take for something else stay strings", () => {
  for (const s of tricky) roundTrip({ value: s });
  roundTrip({ list: tricky });
  roundTrip(Object.fromEntries(tricky.filter(Boolean).map((s, i) => [s, i])));
});

test("numbers, booleans, null, nesting and empty collections", () => {
  roundTrip({ a: 1, b: -2.5, c: true, d: false, e: null, f: [], g: {}, h: [[1, [2]], { x: [] }], i: [{ a: 1, b: [{ c: "d" }] }] });
});

test("multi-line strings are literal blocks", () => {
  const text = toYaml(canonical({ script: "set -e\necho hi\n" }));
  assert.is(text, "script: |\n  set -e\n  echo hi\n");
});

test("keys are ordered: apiVersion, kind, metadata, then sorted", () => {
  const text = toYaml(canonical({ spec: { b: 1, a: 2 }, metadata: { namespace: "ns", name: "x", labels: {} }, kind: "K", apiVersion: "v1" }));
  assert.is(text, "apiVersion: v1\nkind: K\nmetadata:\n  name: x\n  namespace: ns\n  labels: {}\nspec:\n  a: 2\n  b: 1\n");
});

test("several documents and a header comment", () => {
  const text = toYaml([{ a: 1 }, { b: 2 }], { multi: true, header: "generated" });
  assert.is(text, "# generated\n---\na: 1\n---\nb: 2\n");
  assert.equal(YAML.parseAllDocuments(text).map((d) => d.toJS()), [{ a: 1 }, { b: 2 }]);
});

test("undefined members are dropped and non-finite numbers refused", () => {
  assert.equal(canonical({ a: undefined, b: 1 }), { b: 1 });
  assert.throws(() => canonical({ a: NaN }));
});

test.run();
