// The shared-component framework: toggles, profiles, per-cluster overrides and the values escape hatch.
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import YAML from "yaml";
import { PROVIDERS } from "../../compiler/schema/platform";
import { readTree, run, tempFleet } from "../helpers/fleet";
import { componentAppFile, examplePlatform, objectsOf, platformProjectOf, platformWith } from "../helpers/platform";

async function compiled(platform: string): Promise<Map<string, string>> {
  const root = tempFleet({ platform });
  const r = await run(root, "compile");
  assert.is(r.code, 0, r.err);
  return readTree(path.join(root, "generated"));
}

test("a component turned off leaves no Application, values or objects", async () => {
  const tree = await compiled(platformWith("{ metricsServer: { enabled: false } }"));
  assert.not.ok([...tree.keys()].some((p) => p.includes("metrics-server")));
  assert.ok(tree.has(componentAppFile("echo")));
});

test("escape-hatch values are deep-merged over the generated ones, and a cluster may differ", async () => {
  const second = `    eu: { provider: "local", server: "https://eu.example.org", capacity: { cpu: "8", memory: "32Gi" }, components: { metricsServer: { values: { replicas: 1 } } } },\n`;
  const tree = await compiled(platformWith('{ metricsServer: { chartVersion: "3.12.2", values: { resources: { requests: { cpu: "50m" } } } } }', second));
  const main = YAML.parse(tree.get("platform/metrics-server/main/values.yaml")!);
  assert.equal(main.resources.requests, { cpu: "50m", memory: "200Mi" });
  assert.is(main.replicas, 2);
  const eu = YAML.parse(tree.get("platform/metrics-server/eu/values.yaml")!);
  assert.is(eu.replicas, 1);
  assert.equal(eu.args, ["--kubelet-insecure-tls"]);
  const apps = ["eu", "main"].flatMap((c) => objectsOf(tree, componentAppFile("metrics-server", c)));
  assert.equal(apps.map((a) => a.metadata.name), ["platform-metrics-server--eu", "platform-metrics-server--main"]);
  assert.equal(apps.map((a) => a.spec.sources[0].targetRevision), ["3.12.2", "3.12.2"]);
  assert.equal(apps.map((a) => a.spec.destination.server), ["https://eu.example.org", "https://kubernetes.default.svc"]);
});

test("the platform project allows exactly the chart repositories of enabled components", async () => {
  const on = platformProjectOf(await compiled(platformWith("{}")));
  assert.ok(on.spec.sourceRepos.includes("https://kubernetes-sigs.github.io/metrics-server/"));
  const off = platformProjectOf(await compiled(platformWith("{ metricsServer: { enabled: false } }")));
  assert.not.ok(off.spec.sourceRepos.includes("https://kubernetes-sigs.github.io/metrics-server/"));
});

for (const provider of PROVIDERS) {
  test(`the ${provider} profile compiles`, async () => {
    await compiled(examplePlatform.replace('provider: "generic"', `provider: "${provider}"`));
  });
}

test("a cluster name with '--' is refused with its location", async () => {
  const root = tempFleet({ platform: platformWith("{}", `    "eu--west": { provider: "generic", capacity: { cpu: "8", memory: "32Gi" } },\n`) });
  const r = await run(root, "compile");
  assert.is(r.code, 1);
  assert.match(r.err, /platform\/platform\.ts:\d+:\d+ error clusters\.eu--west: cluster name "eu--west" contains "--"/);
});

test.run();
