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
});

test("verdicts compare each target with its figure", () => {
  const lines = verdicts([result(1000, 1500, 300, 250), result(5000, 9000, 900, 600)]);
  assert.equal(lines, [
    "met     1,000 tenants full compile, no cache: 1,500 ms (target ≤ 2,000 ms)",
    "MISSED  1,000 tenants one-tenant change: 300 ms (target ≤ 250 ms)",
    "met     1,000 tenants check (no cache): 1,350 ms (target ≤ 2,000 ms)",
    "met     1,000 tenants peak RSS: 250 MB (target ≤ 300 MB)",
    "MISSED  5,000 vs 1,000 tenants full compile: 6.00× (target ≤ 5.5×)",
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
  assert.ok(lines.some((l) => l.startsWith("recompile after one tenant changed") && l.includes("300 ms (1,200 ms)")));
  assert.ok(lines.some((l) => l.startsWith("diff for a one-tenant change") && l.includes("n/a (no diff command)")));
  assert.ok(lines.some((l) => l.startsWith("peak RSS") && l.endsWith("250 MB")));
});

test.run();
