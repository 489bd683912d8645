// The in-cluster MinIO: on by default only on local clusters whose tenants use it, restricted pods, root
// credentials generated in the cluster (never a Secret in generated/), and every object valid against the schemas.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { restrictedViolations } from "../../compiler/model/pod-security";
import { MINIO_ENDPOINT } from "../../compiler/model/storage";
import { findSchemaDir, SchemaValidator } from "../../compiler/validate/kube-schemas";
import { REPO_ROOT } from "../helpers/fleet";
import { compile, componentAppFile, componentApps, examplePlatform, isObjectFile, objectsOf, platformWith } from "../helpers/platform";

const schemaDir = findSchemaDir(REPO_ROOT);
const validator = schemaDir ? new SchemaValidator(schemaDir) : undefined;

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

test.run();
