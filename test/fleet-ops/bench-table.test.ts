// The benchmark's table and verdicts (pure formatting of figures; the benchmark itself is never a test).
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { SizeResult } from "../../compiler/bench/scenarios";
import { table, verdicts } from "../../compiler/bench/table";

const sample = (ms: number) => ({ commandMs: ms, wallMs: ms + 900, maxRssMb: 200 });
const result = (tenants: number, full: number, one: number, rss: number): SizeResult => ({
  tenants,
  medians: { full: sample(full), one: sample(one), checkCold: sample(full * 0.9), noop: sample(one) },
  peakRssMb: rss,
  loadAfter: 1.5,
});

test("verdicts compare each target with its figure", () => {
  const lines = verdicts([result(1000, 1500, 300, 250), result(5000, 9000, 900, 600)]);
  // whole-process figures (the sample adds 900 ms of start-up to each command time)
  assert.equal(lines, [
    "MISSED  1,000 tenants full compile, no cache (generated/ committed): 2.40 s (target ≤ 1.20 s)",
    "MISSED  1,000 tenants recompile after one tenant changed: 1.20 s (target ≤ 0.40 s)",
    "MISSED  1,000 tenants no-op recompile: 1.20 s (target ≤ 0.30 s)",
    "MISSED  1,000 tenants check, no cache (as in CI): 2.25 s (target ≤ 1.20 s)",
    "met     1,000 tenants peak RSS: 250 MB (target ≤ 300 MB)",
    "met     5,000 tenants peak RSS: 600 MB (target ≤ 700 MB)",
    "met     5,000 vs 1,000 tenants full compile: 4.13× (target ≤ 5.5×)",
  ]);
});

test("verdicts skip targets whose fleet size was not measured", () => {
  assert.equal(verdicts([result(100, 200, 50, 190)]), []);
});

test("the table has a column per size and says when diff cannot run", () => {
  const lines = table([result(100, 200, 50, 190), result(1000, 1500, 300, 250)], 3, { before: [1, 1, 1], after: [2, 2, 2] });
  assert.match(lines[1]!, "load average before 1.00 1.00 1.00, after 2.00 2.00 2.00");
  const header = lines.find((l) => l.startsWith("scenario"))!;
  assert.match(header, "100 tenants");
  assert.match(header, "1,000 tenants");
  assert.ok(lines.some((l) => l.startsWith("recompile after one tenant changed") && l.includes("1,200 ms (300 ms)")));
  assert.ok(lines.some((l) => l.startsWith("validate generated/") && l.includes("n/a (no schemas)")));
  assert.ok(lines.some((l) => l.startsWith("peak RSS") && l.endsWith("250 MB")));
});

test.run();
