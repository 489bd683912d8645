// What the components make of their settings: issuers, Grafana's admin secret and host, backups, and the
// platform rules that point at a missing setting with its fix.
import fs from "node:fs";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import YAML from "yaml";
import { ISSUERS } from "../../compiler/model/ingress";
import { run, tempFleet, tenantSource } from "../helpers/fleet";
import { compile, componentAppFile, DATA_OFF, examplePlatform, objectsOf, platformWith } from "../helpers/platform";

async function ok(platform: string) {
  const r = await compile(platform);
  assert.is(r.code, 0, r.err);
  return r;
}
const withoutClusterBackups = examplePlatform.replace(/\n      components: \{\n[\s\S]*?\n      \},\n/, "\n");

test("Let's Encrypt production and staging ClusterIssuers: http01 through the ingress class, ACME email from the platform", async () => {
  const { tree } = await ok(examplePlatform);
  const issuers = objectsOf(tree, "platform/cert-manager/main/objects.yaml");
  assert.equal(issuers.map((i) => i.metadata.name).sort(), [ISSUERS.letsencrypt, ISSUERS["letsencrypt-staging"]].sort());
  for (const i of issuers) {
    assert.is(i.spec.acme.email, "platform@example.org");
    assert.equal(i.spec.acme.solvers, [{ http01: { ingress: { ingressClassName: "traefik" } } }]);
    assert.ok(i.spec.acme.privateKeySecretRef.name.endsWith("-account-key"));
  }
  const values = YAML.parse(tree.get("platform/cert-manager/main/values.yaml")!);
  assert.equal(values.crds, { enabled: true, keep: true });
  const echo = objectsOf(tree, "platform/echo/main/objects.yaml").find((o) => o.kind === "Ingress")!;
  assert.is(echo.metadata.annotations["cert-manager.io/cluster-issuer"], ISSUERS.letsencrypt);
});

test("the self-signed CA: bootstrap issuer, CA Certificate, CA ClusterIssuer under the contract's name", async () => {
  const { tree } = await ok(platformWith('{ certManager: { issuer: "selfsigned" } }'));
  const objects = objectsOf(tree, "platform/cert-manager/main/objects.yaml");
  const ca = objects.find((o) => o.kind === "Certificate")!;
  assert.is(ca.spec.isCA, true);
  assert.is(ca.metadata.namespace, "cert-manager");
  const caIssuer = objects.find((o) => o.kind === "ClusterIssuer" && o.spec.ca)!;
  assert.is(caIssuer.metadata.name, ISSUERS.selfsigned);
  assert.is(caIssuer.spec.ca.secretName, ca.spec.secretName);
  const bootstrap = objects.find((o) => o.kind === "ClusterIssuer" && o.spec.selfSigned)!;
  assert.is(ca.spec.issuerRef.name, bootstrap.metadata.name);
});

test("a custom issuer renders no issuer, and tenants' Ingresses name it", async () => {
  const { tree } = await ok(platformWith('{ certManager: { issuer: { name: "corp-ca" } } }'));
  assert.not.ok(tree.has("platform/cert-manager/main/objects.yaml"));
  assert.ok(tree.has("platform/cert-manager/main/values.yaml"));
  const echo = objectsOf(tree, "platform/echo/main/objects.yaml").find((o) => o.kind === "Ingress")!;
  assert.is(echo.metadata.annotations["cert-manager.io/cluster-issuer"], "corp-ca");
});

test("Grafana: host through the ingress with TLS, admin password from a generator in the cluster, never in values", async () => {
  const { tree } = await ok(examplePlatform);
  const values = YAML.parse(tree.get("platform/monitoring/main/values.yaml")!);
  assert.equal(values.grafana.ingress.hosts, ["grafana.example.org"]);
  assert.equal(values.grafana.ingress.tls, [{ hosts: ["grafana.example.org"], secretName: "grafana-tls" }]);
  assert.is(values.grafana.ingress.ingressClassName, "traefik");
  assert.is(values.grafana.admin.existingSecret, "grafana-admin");
  assert.is(values.grafana.adminPassword, undefined);
  const objects = objectsOf(tree, "platform/monitoring/main/objects.yaml");
  const secret = objects.find((o) => o.kind === "ExternalSecret")!;
  assert.is(secret.spec.target.name, "grafana-admin");
  assert.is(secret.spec.refreshPolicy, "CreatedOnce");
  assert.is(secret.spec.dataFrom[0].sourceRef.generatorRef.kind, "Password");
  assert.not.ok(objects.some((o) => o.kind === "Secret"));
});

test("monitoring: rules for LMS/CMS down, 5xx, crash loops and workers; a dashboard with a tenant selector", async () => {
  const { tree } = await ok(examplePlatform);
  const objects = objectsOf(tree, "platform/monitoring/main/objects.yaml");
  const rule = objects.find((o) => o.kind === "PrometheusRule")!;
  const alerts = rule.spec.groups.flatMap((g: any) => g.rules).filter((r: any) => r.alert).map((r: any) => r.alert);
  assert.equal(alerts.sort(), ["OpenedxCmsDown", "OpenedxHigh5xxRate", "OpenedxLmsDown", "OpenedxPodCrashLooping", "OpenedxWorkerDown"]);
  assert.match(JSON.stringify(rule), /label_fleet_openedx_org_tenant/);
  const dashboard = objects.find((o) => o.kind === "ConfigMap")!;
  assert.is(dashboard.metadata.labels.grafana_dashboard, "1");
  const json = JSON.parse(Object.values(dashboard.data as Record<string, string>)[0]!);
  assert.ok(json.templating.list.some((v: any) => v.name === "tenant" && v.multi));
  const values = YAML.parse(tree.get("platform/monitoring/main/values.yaml")!);
  assert.equal(values["kube-state-metrics"].metricLabelsAllowlist, ["namespaces=[fleet.openedx.org/tenant]"]);
  assert.is(values.prometheus.prometheusSpec.ruleSelectorNilUsesHelmValues, false);
});

test("sync waves: External Secrets and cert-manager before monitoring, which uses their CRDs; Velero alone in the backups root", async () => {
  const { tree } = await ok(examplePlatform);
  const wave = (app: string) => Number(objectsOf(tree, componentAppFile(app))[0]!.metadata.annotations["argocd.argoproj.io/sync-wave"]);
  assert.ok(wave("external-secrets") < wave("monitoring"));
  assert.ok(wave("cert-manager") < wave("monitoring"));
  assert.ok(wave("monitoring") < wave("mysql"));
  assert.is(wave("echo"), wave("mysql"), "echo waits on no data service");
  assert.equal(componentAppFile("velero"), "apps/backups/main/velero.yaml");
  assert.equal(tree.has("apps/backups/main/velero.yaml") && objectsOf(tree, "apps/backups/main/velero.yaml").length, 1, "Velero shares its root with nothing");
});

test("Velero: storage location and Harmony's hourly, daily and weekly schedules, credentials only by reference", async () => {
  const { tree } = await ok(examplePlatform);
  const values = YAML.parse(tree.get("platform/velero/main/values.yaml")!);
  assert.equal(values.credentials, { useSecret: false, extraSecretRef: "velero-credentials" });
  assert.is(values.deployNodeAgent, true);
  assert.is(values.configuration.uploaderType, "kopia");
  const objects = objectsOf(tree, "platform/velero/main/objects.yaml");
  const bsl = objects.find((o) => o.kind === "BackupStorageLocation")!;
  assert.equal(bsl.spec.objectStorage, { bucket: "example-fleet-main-backups", prefix: "velero" });
  const schedules = objects.filter((o) => o.kind === "Schedule").map((o) => [o.metadata.name, o.spec.schedule, o.spec.template.ttl]);
  assert.equal(schedules, [
    ["fleet-daily", "0 6 * * *", "168h0m0s"],
    ["fleet-hourly", "30 */1 * * *", "24h0m0s"],
    ["fleet-weekly", "59 23 * * 0", "720h0m0s"],
  ]);
  // Velero's metrics are scraped: the chart's ServiceMonitor and node-agent PodMonitor
  assert.equal([values.metrics.serviceMonitor.enabled, values.metrics.nodeAgentPodMonitor.enabled], [true, true]);
  const app = objectsOf(tree, componentAppFile("velero"))[0]!;
  assert.not.ok(app.metadata.finalizers, "a data-bearing Application never cascades deletion");
});

test("Velero with workload identity and an S3-compatible endpoint mounts no secret", async () => {
  const { tree } = await ok(platformWith('{ backups: { storage: { bucket: "b", endpoint: "https://fra1.digitaloceanspaces.com" }, schedules: { nightly: { cron: "0 2 * * *", keepHours: 168 } } } }', "", withoutClusterBackups));
  assert.equal(YAML.parse(tree.get("platform/velero/main/values.yaml")!).credentials, { useSecret: false });
  const objects = objectsOf(tree, "platform/velero/main/objects.yaml");
  assert.equal(objects.find((o) => o.kind === "BackupStorageLocation")!.spec.config, { region: "us-east-1", s3Url: "https://fra1.digitaloceanspaces.com", s3ForcePathStyle: "true" });
  assert.equal(objects.filter((o) => o.kind === "Schedule").map((o) => [o.metadata.name, o.spec.schedule, o.spec.template.ttl]), [["fleet-nightly", "0 2 * * *", "168h0m0s"]]);
});

// platform → expected exit code and diagnostic
const RULES: [string, string, number, RegExp][] = [
  ["backups on without storage", withoutClusterBackups, 0, /platform\/platform\.ts:\d+:\d+ warning clusters\.main: backups of cluster "main" are off: no `backups.storage` is set \[backups-storage\]\n    fix: set `components: \{ backups: \{ storage:/],
  ["Karpenter asked for on aws without settings", platformWith("{ karpenter: { enabled: true } }", "", examplePlatform.replace('provider: "generic"', 'provider: "aws"')), 1, /platform\/platform\.ts:\d+:\d+ error components\.karpenter: Karpenter on cluster "main" needs `clusterName` and `nodeRole` \[karpenter-settings\]/],
  ["Karpenter on by the aws profile alone", examplePlatform.replace('provider: "generic"', 'provider: "aws"'), 0, /warning clusters\.main: Karpenter on cluster "main" needs `clusterName` and `nodeRole`; it stays off until then/],
  ["Karpenter on a generic cluster", platformWith("{ karpenter: { enabled: true } }"), 1, /error components\.karpenter: Karpenter runs on aws clusters only; cluster "main" has provider "generic" \[karpenter-provider\]/],
  ["monitoring without External Secrets", platformWith(`{ externalSecrets: { enabled: false }, ${DATA_OFF} }`), 0, /warning components\.externalSecrets: External Secrets is off on cluster "main", so Grafana's admin password is not generated \[grafana-admin\]/],
];
for (const [name, platform, code, message] of RULES) {
  test(`rule: ${name}`, async () => {
    const r = await compile(platform);
    assert.is(r.code, code, r.err);
    assert.match(r.err, message);
  });
}

test("a backups warning leaves Velero out; a Karpenter error writes nothing", async () => {
  const { tree } = await ok(withoutClusterBackups);
  assert.not.ok(tree.has(componentAppFile("velero")));
  const bad = await compile(platformWith("{ karpenter: { enabled: true } }"));
  assert.is(bad.tree.size, 0);
});

test("each tenant gets VPAs in mode Off for its Open edX workloads while the VPA recommender runs", async () => {
  const { tree } = await ok(examplePlatform);
  const vpasOf = (t: Map<string, string>, id: string) => (t.has(`tenants/${id}/resources/objects.yaml`) ? objectsOf(t, `tenants/${id}/resources/objects.yaml`) : []).filter((o) => o.kind === "VerticalPodAutoscaler");
  const vpas = vpasOf(tree, "acme");
  assert.equal(vpas.map((v) => v.spec.targetRef.name).sort(), ["cms", "cms-worker", "lms", "lms-worker"]);
  assert.ok(vpas.every((v) => v.metadata.namespace === "acme" && v.spec.updatePolicy.updateMode === "Off"));
  const off = await ok(platformWith("{ vpa: { enabled: false } }"));
  assert.ok(["acme", "globex", "initech"].every((id) => vpasOf(off.tree, id).length === 0));
  const local = await ok(examplePlatform.replace('provider: "generic"', 'provider: "local"'));
  assert.equal(vpasOf(local.tree, "acme"), [], "the local profile runs no VPA");
  const root = tempFleet({ tenants: { hooli: tenantSource("hooli", 'state: "archived",') } });
  assert.is((await run(root, "compile")).code, 0);
  const hooli = path.join(root, "generated/tenants/hooli/resources/objects.yaml");
  assert.not.ok(fs.readFileSync(hooli, "utf8").includes("kind: VerticalPodAutoscaler"), "an archived tenant runs no workload");
});

test("cert-manager chart versions may carry a leading v; other strings are refused with their location", async () => {
  await ok(platformWith('{ certManager: { chartVersion: "v1.20.3" } }'));
  const bad = await compile(platformWith('{ certManager: { chartVersion: "latest" } }'));
  assert.is(bad.code, 1);
  assert.match(bad.err, /platform\/platform\.ts:\d+:\d+ error components\.certManager\.chartVersion: "latest" is not an exact chart version/);
});

test.run();
