// The platform settings of issue 13 item 6, each with its default and its override in platform.ts.
import { test } from "uvu";
import * as assert from "uvu/assert";
import YAML from "yaml";
import { tenantSource, writeTenant, run, readTree, tempFleet } from "../helpers/fleet";
import { compile, componentAppFile, examplePlatform, objectsOf, platformWith } from "../helpers/platform";
import path from "node:path";

const ALERTS_BLOCK = /\n\s*\/\/ alerts by e-mail[^\n]*\n\s*monitoring: \{\n[\s\S]*?\n {8}\},\n/;
const withoutAlerts = examplePlatform.replace(ALERTS_BLOCK, "\n");
const values = (tree: Map<string, string>, app: string) => YAML.parse(tree.get(`platform/${app}/main/values.yaml`)!);

async function ok(platform: string) {
  const r = await compile(platform);
  assert.is(r.code, 0, r.err);
  return r;
}

test("alerts go to the configured receiver; credentials are files of a cluster Secret, never values", async () => {
  const { tree, err } = await ok(examplePlatform);
  assert.not.match(err, "alerts-receiver");
  const am = values(tree, "monitoring").alertmanager;
  assert.equal(am.alertmanagerSpec.secrets, ["alertmanager-receivers"]);
  assert.is(am.config.route.receiver, "fleet");
  const email = am.config.receivers.find((r: any) => r.name === "fleet").email_configs[0];
  assert.is(email.auth_password_file, "/etc/alertmanager/secrets/alertmanager-receivers/smtp-password");
  assert.not.ok("auth_password" in email);
  const slack = await ok(platformWith('{ monitoring: { alerts: { secret: "am", slack: { channel: "#ops", urlKey: "url" }, webhook: { urlKey: "hook" } } } }', "", withoutAlerts));
  const fleet = values(slack.tree, "monitoring").alertmanager.config.receivers.find((r: any) => r.name === "fleet");
  assert.equal(fleet.slack_configs, [{ channel: "#ops", api_url_file: "/etc/alertmanager/secrets/am/url", send_resolved: true }]);
  assert.equal(fleet.webhook_configs, [{ url_file: "/etc/alertmanager/secrets/am/hook", send_resolved: true }]);
});

test("no receiver: a warning at the cluster, and a receiver with nothing to send to is refused", async () => {
  const none = await ok(withoutAlerts);
  assert.match(none.err, /warning clusters\.main: alerts of cluster "main" reach nobody: no `monitoring.alerts` receiver is set \[alerts-receiver\]/);
  assert.not.ok("config" in values(none.tree, "monitoring").alertmanager);
  const empty = await compile(platformWith('{ monitoring: { alerts: { secret: "am" } } }', "", withoutAlerts));
  assert.is(empty.code, 1);
  assert.match(empty.err, "name at least one receiver");
});

test("control-plane scraping is off unless asked for, on every provider", async () => {
  const keys = ["kubeControllerManager", "kubeScheduler", "kubeEtcd", "kubeProxy"];
  for (const provider of ["generic", "local"]) {
    const { tree } = await ok(examplePlatform.replace('provider: "generic"', `provider: "${provider}"`));
    assert.equal(keys.map((k) => values(tree, "monitoring")[k].enabled), [false, false, false, false], provider);
  }
  const { tree } = await ok(platformWith("{ monitoring: { controlPlane: true } }"));
  assert.equal(keys.map((k) => values(tree, "monitoring")[k].enabled), [true, true, true, true]);
});

test("cert-manager's metrics are scraped by a PodMonitor of the monitoring app", async () => {
  const { tree } = await ok(examplePlatform);
  const monitor = objectsOf(tree, "platform/monitoring/main/objects.yaml").find((o) => o.kind === "PodMonitor" && o.metadata.name === "cert-manager")!;
  assert.equal(monitor.spec.namespaceSelector.matchNames, ["cert-manager"]);
  assert.equal(monitor.spec.podMetricsEndpoints, [{ port: "http-metrics", interval: "60s" }]);
});

test("Karpenter runs a pinned AL2023 release unless amiAlias says otherwise", async () => {
  const aws = (k: string) => platformWith(`{ karpenter: { clusterName: "eks", nodeRole: "nodes"${k} } }`).replace('provider: "generic"', 'provider: "aws"');
  const alias = async (k: string) => objectsOf((await ok(aws(k))).tree, "platform/karpenter/main/objects.yaml").find((o) => o.kind === "EC2NodeClass")!.spec.amiSelectorTerms;
  assert.equal(await alias(""), [{ alias: "al2023@v20260724" }]);
  assert.equal(await alias(', amiAlias: "al2023@v20260801"'), [{ alias: "al2023@v20260801" }]);
});

test("mariadb-operator's CRDs come from their own Application, which never prunes nor deletes them", async () => {
  const { tree } = await ok(examplePlatform);
  const app = objectsOf(tree, componentAppFile("mariadb-operator-crds"))[0]!;
  assert.equal(app.spec.sources[0].chart, "mariadb-operator-crds");
  assert.ok(app.spec.syncPolicy.syncOptions.includes("Prune=false") && app.spec.syncPolicy.syncOptions.includes("Delete=false"));
  assert.not.ok(app.metadata.finalizers);
  assert.not.ok(app.spec.syncPolicy.managedNamespaceMetadata, "the operator's Application owns the namespace");
  assert.is(values(tree, "mariadb-operator").crds.enabled, false);
});

test("Valkey, one replica on a ReadWriteOnce volume, is replaced with Recreate, shared and dedicated", async () => {
  const root = tempFleet({ examples: false });
  writeTenant(root, "one", tenantSource("one", 'services: { mysql: "shared", mongodb: "shared", redis: "dedicated", search: "shared" },'));
  const r = await run(root, "compile");
  assert.is(r.code, 0, r.err);
  const tree = readTree(path.join(root, "generated"));
  assert.is(values(tree, "redis").deploymentStrategy, "Recreate");
  const dedicated = YAML.parse(tree.get("tenants/one/values.yaml")!);
  assert.is(Object.values(dedicated).find((v: any) => v?.dataStorage)!["deploymentStrategy" as never], "Recreate");
});

test("tenant Ingresses on ingress-nginx take bodies up to 250m (Tutor's Studio limit) or maxBodySize; Traefik needs none", async () => {
  const annotation = "nginx.ingress.kubernetes.io/proxy-body-size";
  const ingressOf = (tree: Map<string, string>) => objectsOf(tree, "tenants/acme/resources/objects.yaml").find((o) => o.kind === "Ingress")!;
  const nginx = await ok(platformWith('{ ingress: { controller: "ingress-nginx" } }'));
  assert.is(ingressOf(nginx.tree).metadata.annotations[annotation], "250m");
  const smaller = await ok(platformWith('{ ingress: { controller: "ingress-nginx", maxBodySize: "100m" } }'));
  assert.is(ingressOf(smaller.tree).metadata.annotations[annotation], "100m");
  const traefik = await ok(examplePlatform);
  assert.not.ok(annotation in ingressOf(traefik.tree).metadata.annotations);
  assert.is(values(traefik.tree, "traefik").ports.websecure.transport.respondingTimeouts.readTimeout, "600s");
});

test("a chartVersion not recorded as published is a warning at the setting; a recorded one is not", async () => {
  const unknown = await ok(platformWith('{ metricsServer: { chartVersion: "3.99.0" } }'));
  assert.match(unknown.err, /platform\/platform\.ts:\d+:\d+ warning components\.metricsServer\.chartVersion: metrics-server 3\.99\.0 is not among the versions recorded as published \(.*3\.13\.0.*\) \[chart-version\]/);
  const known = await ok(platformWith('{ metricsServer: { chartVersion: "3.12.2" } }'));
  assert.not.match(known.err, "chart-version");
});

test.run();
