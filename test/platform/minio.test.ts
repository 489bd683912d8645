// The in-cluster MinIO: on by default only on local clusters whose tenants use it, restricted pods, root
// credentials generated in the cluster (never a Secret in generated/), and every object valid against the schemas.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { restrictedViolations } from "../../compiler/model/pod-security";
import { MINIO_ENDPOINT } from "../../compiler/model/storage";
import { findSchemaDir } from "../../compiler/validate/kube-schemas";
import { strictValidator } from "../helpers/schemas";
import path from "node:path";
import { readTree, REPO_ROOT, run, tempFleet, tenantSource } from "../helpers/fleet";
import { compile, componentAppFile, componentApps, examplePlatform, isObjectFile, objectsOf, platformWith } from "../helpers/platform";

const schemaDir = findSchemaDir(REPO_ROOT);
const validator = schemaDir ? strictValidator(schemaDir) : undefined;

/** The example platform with a local cluster `lab` of the given object storage (none: the platform's s3). */
function withLab(storage: string, components = "{}", labComponents = ""): string {
  const lab = `    lab: { provider: "local", server: "https://lab.example.org", capacity: { cpu: "8", memory: "32Gi" }${storage ? `, objectStorage: ${storage}` : ""}${labComponents ? `, components: ${labComponents}` : ""} },\n`;
  return platformWith(components, lab, examplePlatform);
}

async function compiled(platform: string): Promise<Map<string, string>> {
  const { code, err, tree } = await compile(platform);
  assert.is(code, 0, err);
  return tree;
}

test("a local cluster whose storage is minio without an endpoint gets the in-cluster MinIO; other clusters do not", async () => {
  const tree = await compiled(withLab('{ provider: "minio", bucketPrefix: "lab" }'));
  assert.ok(componentApps(tree, "lab").includes("minio"));
  assert.not.ok(componentApps(tree, "main").includes("minio"));
  const app = objectsOf(tree, componentAppFile("minio", "lab"))[0]!;
  assert.is(app.spec.destination.namespace, "minio");
  assert.is(app.spec.syncPolicy.managedNamespaceMetadata.labels["pod-security.kubernetes.io/enforce"], "restricted");
  assert.is(MINIO_ENDPOINT, "http://minio.minio.svc.cluster.local:9000");
});

test("a local cluster on s3, or on a MinIO elsewhere, has none; enabled: true turns it on anywhere, false off", async () => {
  assert.not.ok(componentApps(await compiled(withLab("")), "lab").includes("minio"));
  assert.not.ok(componentApps(await compiled(withLab('{ provider: "minio", endpoint: "https://s3.lab.example.org", bucketPrefix: "lab" }')), "lab").includes("minio"));
  assert.ok(componentApps(await compiled(withLab("", "{ minio: { enabled: true } }")), "main").includes("minio"));
  assert.not.ok(componentApps(await compiled(withLab('{ provider: "minio", bucketPrefix: "lab" }', "{}", "{ minio: { enabled: false } }")), "lab").includes("minio"));
});

test("MinIO without an endpoint on a cluster that does not run it is flagged (storage-minio)", async () => {
  const { code, err } = await compile(withLab("", "{}").replace('objectStorage: { provider: "s3", region: "eu-west-1", bucketPrefix: "example-fleet" }', 'objectStorage: { provider: "minio", bucketPrefix: "example-fleet" }'));
  assert.is(code, 0, err);
  assert.match(err, /warning objectStorage: the tenants of cluster "main" use the in-cluster MinIO \(http:\/\/minio\.minio\.svc\.cluster\.local:9000\), but the `minio` component does not run there \[storage-minio\]/);
  assert.not.match(err, /cluster "lab" use the in-cluster MinIO/);
});

test("MinIO runs restricted with a pinned image and its root credentials come from a generator, created once", async () => {
  const tree = await compiled(withLab('{ provider: "minio", bucketPrefix: "lab", minio: { adminSecret: "lab-admin" } }', "{}", '{ minio: { storageSize: "5Gi" } }'));
  const files = [...tree.keys()].filter((f) => f.startsWith("platform/minio/lab/") && isObjectFile(f));
  const objects = files.flatMap((f) => objectsOf(tree, f));
  assert.not.ok(objects.some((o) => o.kind === "Secret"), "no Secret in generated/");
  const sts = objects.find((o) => o.kind === "StatefulSet")!;
  assert.match(sts.spec.template.spec.containers[0].image, /^docker\.io\/minio\/minio:RELEASE\.\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ$/);
  assert.equal(restrictedViolations(sts.spec.template.spec), []);
  assert.ok(sts.spec.template.spec.containers[0].resources.limits.memory);
  assert.is(sts.spec.volumeClaimTemplates[0].spec.resources.requests.storage, "5Gi");
  assert.is(sts.spec.volumeClaimTemplates[0].spec.storageClassName, "standard");
  const admin = objects.find((o) => o.kind === "ExternalSecret" && o.metadata.namespace === "platform-credentials")!;
  assert.is(admin.metadata.name, "lab-admin");
  assert.is(admin.spec.refreshPolicy, "CreatedOnce");
  assert.equal(Object.keys(admin.spec.target.template.data).sort(), ["password", "username"]);
  const role = objects.find((o) => o.kind === "Role")!;
  assert.equal(role.rules[0].resourceNames, ["lab-admin"], "the server's store reads the admin Secret alone");
  const svc = objects.find((o) => o.kind === "Service")!;
  assert.is(svc.spec.ports[0].port, 9000);
  if (validator) {
    const problems = objects.flatMap((o) => {
      const v = validator.validate(o);
      return "missing" in v ? [`${o.kind}: no schema ${v.schema}`] : v.errors.map((e) => `${o.kind}/${o.metadata?.name} ${e.path}: ${e.message}`);
    });
    assert.equal(problems, []);
  }
});

test("a fleet with the in-cluster MinIO passes `check` (its data-bearing objects keep their data)", async () => {
  const root = tempFleet({ platform: withLab('{ provider: "minio", bucketPrefix: "lab" }') });
  assert.is((await run(root, "compile")).code, 0);
  const r = await run(root, "check");
  assert.is(r.code, 0, `${r.out}\n${r.err}`);
});

test("a tenant on that cluster talks to the in-cluster MinIO, and its network policy opens namespace minio port 9000", async () => {
  const root = tempFleet({ examples: false, platform: withLab('{ provider: "minio", bucketPrefix: "lab" }'), tenants: { alpha: tenantSource("alpha", 'cluster: "lab",') } });
  const r = await run(root, "compile");
  assert.is(r.code, 0, r.err);
  const tree = readTree(path.join(root, "generated"));
  assert.match(tree.get("tenants/alpha/config.yml")!, /FLEET_SECRETS_S3_ENDPOINT_URL: http:\/\/minio\.minio\.svc\.cluster\.local:9000/);
  const policy = [...tree.keys()].flatMap((f) => (f.startsWith("tenants/alpha/") && isObjectFile(f) ? objectsOf(tree, f) : [])).find((o) => o.kind === "NetworkPolicy" && o.metadata.name === "allow-object-storage")!;
  assert.equal(policy.spec.egress[0].ports, [{ protocol: "TCP", port: 9000 }]);
  assert.equal(policy.spec.egress[0].to[0].namespaceSelector.matchLabels, { "kubernetes.io/metadata.name": "minio" });
});

test.run();
