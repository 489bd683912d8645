// What the real Jinja, Python and PyYAML (Debian's, as in .ci/run) make of tenant text: every string the schema
// accepts comes through Tutor unchanged; every refused character or delimiter is one they would misread.
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { textProblem, TutorText } from "../../compiler/schema/tutor-text";
import { toYaml } from "../../compiler/render/yaml";
import { askPython, TUTOR_ROUND_TRIP } from "../helpers/real-python";

const roundTrip = (values: string[]) =>
  askPython<string[]>(TUTOR_ROUND_TRIP, values.map((value) => ({ value, configYaml: toYaml({ PLATFORM_NAME: value }) })));

// Pieces that sit next to what Jinja, Python and YAML treat specially, mixed with any code point.
const PIECES = ["{", "}", "%", "#", "{ {", "} }", "'", '"', "\\", "$", ":", "- ", "? ", "&", "*", "!", "|", ">", "@", "`", "<b>", "é", "😀", "\u200b", "\ufeff", "\u202e", "\t", "\n", "\r", "\u0085", "\u2028", "\u2029", "\u0000", "\ud800", "\udc00", "null", "yes", "0x1F", "~", "from-cluster", "raw", "{%-", "{{-"];
const text = fc
  .array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ unit: "binary", maxLength: 4 }), fc.string({ maxLength: 6 })), { maxLength: 8 })
  .map((parts) => parts.join(""));

test("every string TutorText accepts reaches Tutor's Python settings and YAML env files as itself (real Jinja, Python, PyYAML)", () => {
  fc.assert(
    fc.property(fc.array(text, { minLength: 300, maxLength: 300 }), (batch) => {
      const accepted = batch.filter((v) => TutorText.safeParse(v).success);
      const verdicts = roundTrip(accepted);
      const bad = accepted.map((v, i) => [v, verdicts[i]] as const).filter(([, r]) => r !== "ok");
      assert.equal(bad, [], "accepted values Tutor would not carry unchanged");
    }),
    { numRuns: 6 },
  );
});

test("awkward but legitimate site names are accepted and come through unchanged", () => {
  const names = ["L'École d'été", "Ünïcödé Academy 😀", "R&D <b>Lab</b>", "Curly { brace", "Closing } brace", "100% online # 1", "Tab-free — em dash “quotes”", "日本語のサイト"];
  for (const n of names) assert.is(textProblem(n), undefined, n);
  assert.equal(roundTrip(names), names.map(() => "ok"));
});

test("each refused delimiter or character is one the real tools misread (the refusals are not arbitrary)", () => {
  const hostile = ["{{ 7*7 }}", "{{ 24|random_string }}", "{% raw %}", "{# note", 'say "hi"', "back\\slash", "two\nlines", "cr\rhere", "nel\u0085x", "nul\u0000x", "del\u007fx", "esc\u001bx", "lone\ud800"];
  const verdicts = roundTrip(hostile);
  hostile.forEach((v, i) => {
    assert.ok(textProblem(v), `${JSON.stringify(v)} is refused`);
    assert.is.not(verdicts[i], "ok", `${JSON.stringify(v)} is misread by a real tool`);
  });
});

test("the closers and line separators refused as a matter of policy are named with the fix", () => {
  for (const [v, words] of [["a }} b", '"}}"'], ["a %} b", '"%}"'], ["a #} b", '"#}"'], ["x\u2028y", "U+2028"], ["x\u2029y", "U+2029"], ["x\ty", "tab"], ["from-cluster-secret:OPENEDX_SECRET_KEY", "placeholder"]] as const) {
    const p = textProblem(v);
    assert.ok(p?.message.includes(words), `${JSON.stringify(v)}: ${p?.message}`);
    assert.ok(p!.hint.length > 0);
  }
});

test.run();
