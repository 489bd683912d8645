// Every pinned chart's pod and container security contexts are set in the rendered values of every component
// (model/chart-security.ts), and in a `restricted` namespace each workload's pod passes `restricted`.
import { test } from "uvu";
import * as assert from "uvu/assert";
import YAML from "yaml";
import { CHART_SECURITY, valueAt } from "../../compiler/model/chart-security";
import { deepMerge } from "../../compiler/model/components";
import { restrictedViolations } from "../../compiler/model/pod-security";
import { CHARTS } from "../../compiler/render/data/charts";
import { COMPONENTS } from "../../compiler/render/platform/registry";
import { compile, examplePlatform, platformWith } from "../helpers/platform";

const KARPENTER = 'karpenter: { clusterName: "fleet-eks", nodeRole: "KarpenterNodeRole-fleet-eks" }';
const PLATFORMS: [string, string][] = [
  ["generic, Traefik", examplePlatform],
  ["generic, ingress-nginx", platformWith('{ ingress: { controller: "ingress-nginx" } }')],
  ["aws with Karpenter", platformWith(`{ ${KARPENTER} }`).replace('provider: "generic"', 'provider: "aws"')],
  ["local", examplePlatform.replace('provider: "generic"', 'provider: "local"')],
];

test("every chart the platform pins has a row in the security table", () => {
  const charts = [...COMPONENTS.flatMap((d) => (d.chart ? [d.chart.chart] : [])), ...Object.values(CHARTS).map((c) => c.chart)];
  assert.equal(charts.filter((c) => !(c in CHART_SECURITY)), []);
});

const seen = new Set<string>();
for (const [name, platform] of PLATFORMS) {
  test(`${name}: each security context path is set, and restricted namespaces get restricted pods`, async () => {
    const { code, err, tree } = await compile(platform);
    assert.is(code, 0, err);
    const problems: string[] = [];
    for (const def of COMPONENTS.filter((d) => d.chart)) {
      const text = tree.get(`platform/${def.app}/main/values.yaml`);
      if (text === undefined) continue; // not enabled on this profile
      seen.add(def.app);
      const values = YAML.parse(text);
      for (const w of CHART_SECURITY[def.chart!.chart]!) {
        for (const c of [w.pod, ...w.containers].filter((c) => c.path)) {
          const got = valueAt(values, c.path!);
          if (got === undefined || JSON.stringify(deepMerge(got as Record<string, unknown>, c.value)) !== JSON.stringify(got)) problems.push(`${def.app} ${w.workload}: ${c.path} is ${JSON.stringify(got)}`);
        }
        if (def.podSecurity !== "restricted") continue;
        const podContext = (w.pod.path ? valueAt(values, w.pod.path) : w.pod.value) as Record<string, unknown>;
        const spec = {
          securityContext: podContext,
          containers: w.containers.map((c, i) => ({ name: `c${i}`, securityContext: { ...c.fixed, ...((c.path ? valueAt(values, c.path) : c.value) as object) } })),
        };
        problems.push(...restrictedViolations(spec).map((v) => `${def.app} ${w.workload}: ${v}`));
      }
    }
    assert.equal(problems, []);
  });
}

test("the platforms above cover every component that has a chart", () => {
  assert.equal(COMPONENTS.filter((d) => d.chart && !seen.has(d.app)).map((d) => d.app), []);
});

test("only the namespaces of node-level agents are privileged", () => {
  assert.equal(COMPONENTS.filter((d) => d.podSecurity === "privileged").map((d) => d.namespace).sort(), ["monitoring", "velero"]);
});

test.run();
