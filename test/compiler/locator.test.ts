// The locator's snapshot (what the compile cache and the worker threads carry) is the JSON of its rows, and
// restores to the same locations.
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { lineStarts } from "../../compiler/source/lines";
import { Locator } from "../../compiler/source/locator";

/** The snapshot as first written: JSON.stringify of the rows. */
function reference(values: Map<string, { file: string; line: number; col: number }>, keys: typeof values): string {
  const files: string[] = [];
  const rows = (m: typeof values) => [...m].map(([k, at]) => [k, at.line, at.col, files.indexOf(at.file) >= 0 ? files.indexOf(at.file) : files.push(at.file) - 1]);
  return JSON.stringify({ values: rows(values), keys: rows(keys) , files });
}

const path = fc.array(fc.oneof(fc.string({ unit: "binary", maxLength: 4 }), fc.nat(20)), { maxLength: 4 });
const at = fc.record({ file: fc.constantFrom("tenants/a.ts", "platform/presets.ts", "", 'we"ird\u0000.ts'), line: fc.integer({ min: 1, max: 1e6 }), col: fc.integer({ min: 1, max: 1e6 }) }).map((r) => ({ ...r }));

test("a snapshot is the JSON of the locator's rows, and restores to the same locations", () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.boolean(), path, at), { maxLength: 30 }), (sets) => {
      const l = new Locator("tenants/a.ts");
      const values = new Map<string, { file: string; line: number; col: number }>();
      const keys = new Map<string, { file: string; line: number; col: number }>();
      for (const [isKey, p, loc] of sets) {
        const k = p.map(String).join("\u0000");
        if (isKey) (l.setKey(p, loc), keys.set(k, loc));
        else (l.set(p, loc), values.set(k, loc));
      }
      const snap = l.snapshot();
      assert.is(snap.data, reference(values, keys));
      const back = Locator.restore(snap);
      for (const [, p] of sets) {
        assert.equal(back.value(p), l.value(p));
        assert.equal(back.key(p), l.key(p));
      }
      assert.is(back.snapshot().data, snap.data);
    }),
    { numRuns: 500 },
  );
});

test("line starts: after CR LF, LF, CR, U+2028 and U+2029, and no other character", () => {
  const reference = (text: string) => [0, ...[...text.matchAll(/\r\n?|[\n\u2028\u2029]/g)].map((m) => m.index + m[0].length)];
  const text = fc.array(fc.oneof(fc.constantFrom("\n", "\r", "\r\n", "\u2028", "\u2029", "\u0085", "\n\r", "\v"), fc.string({ maxLength: 5 })), { maxLength: 12 }).map((parts) => parts.join(""));
  fc.assert(fc.property(text, (t) => assert.equal(lineStarts(t), reference(t), JSON.stringify(t))), { numRuns: 2000 });
  assert.equal(lineStarts("a\nb\n"), [0, 2, 4]);
});

test.run();
