// The cluster-layer components: each renders with its toggle on and off, every profile renders, and every
// object they emit validates against the strict schemas.
import { test } from "uvu";
import * as assert from "uvu/assert";
import YAML from "yaml";
import { ingressOf } from "../../compiler/model/ingress";
import { PROVIDERS } from "../../compiler/schema/platform";
import { findSchemaDir } from "../../compiler/validate/kube-schemas";
import { strictValidator } from "../helpers/schemas";
import { REPO_ROOT } from "../helpers/fleet";
import { compile, componentAppFile, componentApps, DATA_OFF, examplePlatform, isObjectFile, objectsOf, platformProjectOf, platformWith } from "../helpers/platform";

const schemaDir = findSchemaDir(REPO_ROOT);
const validator = schemaDir ? strictValidator(schemaDir) : undefined;
const KARPENTER = 'karpenter: { clusterName: "fleet-eks", nodeRole: "KarpenterNodeRole-fleet-eks", controllerRoleArn: "arn:aws:iam::123456789012:role/karpenter" }';

/** Compiles, asserts success, and checks every generated object against the schemas. */
async function compiledValid(platform: string): Promise<Map<string, string>> {
  const { code, err, tree } = await compile(platform);
  assert.is(code, 0, err);
  if (validator) {
    const problems: string[] = [];
    for (const file of tree.keys()) {
      if (!isObjectFile(file)) continue;
      for (const o of objectsOf(tree, file)) {
        const v = validator.validate(o);
        if ("missing" in v) problems.push(`${file} ${o.kind}: no schema ${v.schema}`);
        else problems.push(...v.errors.map((e) => `${file} ${o.kind}/${o.metadata?.name} ${e.path}: ${e.message}`));
      }
    }
    assert.equal(problems, []);
  }
  return tree;
}

const apps = (tree: Map<string, string>) => componentApps(tree);

test("the example platform (generic) enables every component that makes sense for it", async () => {
  const tree = await compiledValid(examplePlatform);
  assert.equal(apps(tree).sort(), [
    "cert-manager",
    "echo",
    "external-secrets",
    "mariadb-operator",
    "mariadb-operator-crds",
    "meilisearch",
    "metrics-server",
    "mongodb",
    "monitoring",
    "mysql",
    "psmdb-operator",
    "redis",
    "traefik",
    "velero",
    "vpa",
  ]);
});

// component setting → the Application it turns on and off
const TOGGLES: [string, string][] = [
  ["ingress", "traefik"],
  ["certManager", "cert-manager"],
  ["externalSecrets", "external-secrets"],
  ["metricsServer", "metrics-server"],
  ["vpa", "vpa"],
  ["monitoring", "monitoring"],
  ["backups", "velero"],
  ["echo", "echo"],
];
for (const [setting, app] of TOGGLES) {
  test(`components.${setting}.enabled: false removes ${app}; the rest still validates`, async () => {
    // the data services need External Secrets: they go with it
    const tree = await compiledValid(platformWith(`{ ${setting}: { enabled: false }${setting === "externalSecrets" ? `, ${DATA_OFF}` : ""} }`));
    assert.not.ok(apps(tree).includes(app));
    assert.not.ok([...tree.keys()].some((p) => p.startsWith(`platform/${app}/`)));
    assert.ok(apps(tree).length >= TOGGLES.length - 2, "the other components stay");
  });
}

test("Karpenter renders on aws with its settings, NodePool and EC2NodeClass on the v1 APIs, and not when off", async () => {
  const aws = examplePlatform.replace('provider: "generic"', 'provider: "aws"');
  const on = await compiledValid(platformWith(`{ ${KARPENTER} }`, "", aws));
  const objects = objectsOf(on, "platform/karpenter/main/objects.yaml");
  assert.equal(objects.map((o) => `${o.apiVersion} ${o.kind}`).sort(), ["karpenter.k8s.aws/v1 EC2NodeClass", "karpenter.sh/v1 NodePool"]);
  const nodePool = objects.find((o) => o.kind === "NodePool")!;
  assert.equal(nodePool.spec.limits, { cpu: "64", memory: "256Gi" });
  const values = YAML.parse(on.get("platform/karpenter/main/values.yaml")!);
  assert.is(values.settings.clusterName, "fleet-eks");
  assert.is(values.serviceAccount.annotations["eks.amazonaws.com/role-arn"], "arn:aws:iam::123456789012:role/karpenter");
  const app = objectsOf(on, componentAppFile("karpenter"))[0]!;
  assert.is(app.spec.sources[0].repoURL, "public.ecr.aws/karpenter");
  assert.ok(platformProjectOf(on).spec.sourceRepos.includes("public.ecr.aws/karpenter"));
  const off = await compiledValid(platformWith(`{ karpenter: { enabled: false } }`, "", aws));
  assert.not.ok(apps(off).includes("karpenter"));
});

test("exactly one ingress controller renders: Traefik by default, ingress-nginx when chosen", async () => {
  const traefik = await compiledValid(examplePlatform);
  assert.ok(apps(traefik).includes("traefik") && !apps(traefik).includes("ingress-nginx"));
  const nginx = await compiledValid(platformWith('{ ingress: { controller: "ingress-nginx" } }'));
  assert.ok(apps(nginx).includes("ingress-nginx") && !apps(nginx).includes("traefik"));
  const values = YAML.parse(nginx.get("platform/ingress-nginx/main/values.yaml")!);
  assert.is(values.controller.ingressClassResource.name, "nginx");
  const monitor = objectsOf(nginx, "platform/monitoring/main/objects.yaml").find((o) => o.kind === "PodMonitor" && o.metadata.name === "ingress-controller")!;
  assert.equal(monitor.spec.namespaceSelector.matchNames, ["ingress-nginx"]);
  const rules = objectsOf(nginx, "platform/monitoring/main/objects.yaml").find((o) => o.kind === "PrometheusRule")!;
  assert.match(JSON.stringify(rules), /nginx_ingress_controller_requests/);
});

test("Traefik agrees with the ingress contract: class name, namespace and pod labels", async () => {
  const tree = await compiledValid(examplePlatform);
  const values = YAML.parse(tree.get("platform/traefik/main/values.yaml")!);
  const app = objectsOf(tree, componentAppFile("traefik"))[0]!;
  const monitor = objectsOf(tree, "platform/monitoring/main/objects.yaml").find((o) => o.kind === "PodMonitor" && o.metadata.name === "ingress-controller")!;
  const contract = { className: "traefik", namespace: "traefik", podLabels: { "app.kubernetes.io/name": "traefik" } };
  assert.is(values.ingressClass.name, contract.className);
  assert.is(app.spec.destination.namespace, contract.namespace);
  assert.equal(monitor.spec.selector.matchLabels, contract.podLabels);
  assert.equal(values.podDisruptionBudget, { enabled: true, minAvailable: 1 });
  assert.is(values.deployment.replicas, 2);
});

test("ingressOf is the single source of the class and controller for both controllers", async () => {
  const { PlatformSchema } = await import("../../compiler/schema/platform");
  const minimal = {
    fleet: "f",
    repo: { url: "https://example.org/r.git" },
    clusters: { main: { provider: "generic", capacity: { cpu: "8", memory: "32Gi" } } },
    acmeEmail: "a@example.org",
    releases: {},
    sizes: {},
  };
  const traefik = ingressOf(PlatformSchema.parse(minimal), "main");
  assert.equal([traefik.className, traefik.controller.namespace], ["traefik", "traefik"]);
  const nginx = ingressOf(PlatformSchema.parse({ ...minimal, components: { ingress: { controller: "ingress-nginx" } } }), "main");
  assert.equal([nginx.className, nginx.controller.namespace], ["nginx", "ingress-nginx"]);
});

for (const provider of PROVIDERS) {
  test(`the ${provider} profile renders valid objects with its exposure and storage class`, async () => {
    const base = examplePlatform.replace('provider: "generic"', `provider: "${provider}"`);
    const tree = await compiledValid(provider === "aws" ? platformWith(`{ ${KARPENTER} }`, "", base) : base);
    const traefik = YAML.parse(tree.get("platform/traefik/main/values.yaml")!);
    assert.is(traefik.service.spec.type, provider === "local" ? "NodePort" : "LoadBalancer");
    const monitoring = YAML.parse(tree.get("platform/monitoring/main/values.yaml")!);
    const claim = monitoring.prometheus.prometheusSpec.storageSpec.volumeClaimTemplate.spec;
    const expected = { aws: "gp3", digitalocean: "do-block-storage", local: "standard", generic: undefined }[provider];
    assert.is(claim.storageClassName, expected);
    assert.is(apps(tree).includes("karpenter"), provider === "aws");
  });
}

test("the local profile: node ports, one replica without a PDB, a self-signed CA, no Let's Encrypt", async () => {
  const tree = await compiledValid(examplePlatform.replace('provider: "generic"', 'provider: "local"'));
  const traefik = YAML.parse(tree.get("platform/traefik/main/values.yaml")!);
  assert.equal([traefik.ports.web.nodePort, traefik.ports.websecure.nodePort], [30080, 30443]);
  assert.equal(traefik.podDisruptionBudget, { enabled: false });
  const issuers = objectsOf(tree, "platform/cert-manager/main/objects.yaml");
  assert.not.ok(JSON.stringify(issuers).includes("letsencrypt"));
});

test.run();
