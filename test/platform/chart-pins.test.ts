// Every chart pin is a version recorded as published upstream (render/platform/published-charts.ts).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { CHARTS } from "../../compiler/render/data/charts";
import { PUBLISHED_CHARTS, publishedVersions } from "../../compiler/render/platform/published-charts";
import { COMPONENTS } from "../../compiler/render/platform/registry";

const pins = [...COMPONENTS.flatMap((d) => (d.chart ? [{ at: `component ${d.app}`, ...d.chart }] : [])), ...Object.entries(CHARTS).map(([k, c]) => ({ at: `CHARTS.${k}`, ...c }))];

test("every pinned chart version is one seen published", () => {
  const missing = pins.filter((p) => !publishedVersions(p.repoURL, p.chart)?.includes(p.version)).map((p) => `${p.at}: ${p.chart} ${p.version} from ${p.repoURL}`);
  assert.equal(missing, []);
});

test("the record names its source and date, and holds no duplicate chart", () => {
  for (const p of PUBLISHED_CHARTS) {
    assert.ok(p.source.length > 0 && /^\d{4}-\d{2}-\d{2}$/.test(p.checked), p.chart);
    assert.ok(p.versions.length > 0, p.chart);
  }
  const keys = PUBLISHED_CHARTS.map((p) => `${p.repoURL} ${p.chart}`);
  assert.is(new Set(keys).size, keys.length);
});

test("psmdb 1.23.0, never published, is not pinned", () => {
  assert.not.ok(publishedVersions(CHARTS.psmdbOperator.repoURL, "psmdb-operator")!.includes("1.23.0"));
  assert.not.ok(pins.some((p) => p.chart.startsWith("psmdb") && p.version === "1.23.0"));
});

test.run();
