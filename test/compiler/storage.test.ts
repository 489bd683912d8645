// Object storage per tenant: its own bucket, its keys copied from the cluster's credentials (or, on MinIO,
// generated there with a bucket, user and confining policy), wired into Open edX by the fleet plugin.
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import YAML from "yaml";
import { CREDENTIALS_NAMESPACE, CREDENTIALS_STORE } from "../../compiler/model/credentials";
import { isDataBearing } from "../../compiler/model/data-bearing";
import { SECRET_ENV } from "../../compiler/tutor/secret-env";
import { examplePlatform } from "../helpers/platform";
import { readTree, run, tempFleet, tenantSource } from "../helpers/fleet";

const docs = (tree: Map<string, string>, file: string) => YAML.parseAllDocuments(tree.get(file) ?? "").map((d) => d.toJS()).filter(Boolean);
const S3_LINE = /\n  objectStorage: \{[^\n]*\n/;

async function compiled(opts: Parameters<typeof tempFleet>[0]) {
  const root = tempFleet({ examples: false, ...opts });
  const r = await run(root, "compile");
  return { ...r, tree: readTree(path.join(root, "generated")) };
}

const withStorage = (line: string) => examplePlatform.replace(S3_LINE, `\n  objectStorage: ${line},\n`);

test("s3: the tenant's bucket and endpoint in config.yml, its keys placeholders copied from storage-<id> in the cluster", async () => {
  const { code, err, tree } = await compiled({ tenants: { alpha: tenantSource("alpha") } });
  assert.is(code, 0, err);
  const config = YAML.parse(tree.get("tenants/alpha/config.yml")!);
  assert.equal(
    [config.FLEET_SECRETS_S3_BUCKET, config.FLEET_SECRETS_S3_ENDPOINT_URL, config.FLEET_SECRETS_S3_REGION, config.FLEET_SECRETS_S3_ADDRESSING_STYLE],
    ["example-fleet-alpha", "https://s3.eu-west-1.amazonaws.com", "eu-west-1", "virtual"],
  );
  assert.equal([config.OPENEDX_AWS_ACCESS_KEY, config.OPENEDX_AWS_SECRET_ACCESS_KEY], ["from-cluster-secret:OPENEDX_AWS_ACCESS_KEY", "from-cluster-secret:OPENEDX_AWS_SECRET_ACCESS_KEY"]);
  const objects = docs(tree, "tenants/alpha/resources/objects.yaml");
  const copy = objects.find((o) => o.kind === "ExternalSecret" && o.metadata.name === "openedx-storage");
  assert.equal(copy.spec.secretStoreRef, { kind: "ClusterSecretStore", name: CREDENTIALS_STORE });
  assert.equal(copy.spec.data, [
    { secretKey: "OPENEDX_AWS_ACCESS_KEY", remoteRef: { key: "storage-alpha", property: "access-key-id" } },
    { secretKey: "OPENEDX_AWS_SECRET_ACCESS_KEY", remoteRef: { key: "storage-alpha", property: "secret-access-key" } },
  ]);
  for (const key of ["OPENEDX_AWS_ACCESS_KEY", "OPENEDX_AWS_SECRET_ACCESS_KEY"]) {
    const env = SECRET_ENV.find((s) => s.env === key)!;
    assert.equal([env.secret, env.key], [copy.spec.target.name, key]);
  }
  // nothing is provisioned on S3: the operator makes the bucket and its key
  assert.not.ok(objects.some((o) => o.metadata.namespace === CREDENTIALS_NAMESPACE));
  const plugin = tree.get("tutor/plugins/fleet_secrets.yml")!;
  for (const s of ["{% if FLEET_SECRETS_S3_BUCKET %}", 'ORA2_FILEUPLOAD_BACKEND = "s3"', "USER_TASKS_ARTIFACT_STORAGE", '"AWS_SECRET_ACCESS_KEY"']) assert.ok(plugin.includes(s), s);
});

test("minio on one cluster: generated keys, a bucket/user/policy Job in platform-credentials, path-style addressing; kept as data", async () => {
  const platform = examplePlatform.replace(
    "      egress: {",
    '      objectStorage: { provider: "minio", endpoint: "http://minio.minio.svc.cluster.local:9000", bucketPrefix: "local" },\n      egress: {',
  );
  assert.is.not(platform, examplePlatform);
  const { code, err, tree } = await compiled({ platform, tenants: { alpha: tenantSource("alpha") } });
  assert.is(code, 0, err);
  const config = YAML.parse(tree.get("tenants/alpha/config.yml")!);
  assert.equal([config.FLEET_SECRETS_S3_BUCKET, config.FLEET_SECRETS_S3_ENDPOINT_URL, config.FLEET_SECRETS_S3_ADDRESSING_STYLE], ["local-alpha", "http://minio.minio.svc.cluster.local:9000", "path"]);
  const objects = docs(tree, "tenants/alpha/resources/objects.yaml").filter((o) => o.metadata.namespace === CREDENTIALS_NAMESPACE);
  assert.equal(objects.map((o) => `${o.kind}/${o.metadata.name}`).sort(), ["ExternalSecret/storage-alpha", "Job/storage-alpha", "Password/storage-alpha"]);
  const keys = objects.find((o) => o.kind === "ExternalSecret");
  assert.equal([keys.spec.refreshPolicy, keys.spec.target.creationPolicy], ["CreatedOnce", "Orphan"]);
  assert.is(keys.spec.target.template.data["access-key-id"], "local-alpha");
  assert.ok(isDataBearing(keys));
  assert.match(String(keys.metadata.annotations["argocd.argoproj.io/sync-options"]), /Delete=false/);
  const job = objects.find((o) => o.kind === "Job");
  const container = job.spec.template.spec.containers[0];
  assert.match(container.image, /^docker\.io\/minio\/mc:RELEASE\.\d{4}-/);
  const script = container.command[2] as string;
  for (const s of ["mc mb --ignore-existing", "mc admin policy create", "mc admin user add", "arn:aws:s3:::$BUCKET/*"]) assert.ok(script.includes(s), s);
  assert.not.ok(/\brm\b|mc rb|remove/.test(script), "the Job never deletes");
  const env = Object.fromEntries(container.env.map((e: { name: string; value?: string; valueFrom?: unknown }) => [e.name, e.value ?? e.valueFrom]));
  assert.equal(env.ADMIN_PASSWORD, { secretKeyRef: { name: "minio-admin", key: "password" } });
  assert.is(env.BUCKET, "local-alpha");
  // the tenant's pods reach MinIO in its namespace, on its port
  const allow = docs(tree, "tenants/alpha/resources/objects.yaml").find((o) => o.kind === "NetworkPolicy" && o.metadata.name === "allow-object-storage");
  assert.equal(allow.spec.egress, [{ to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "minio" } } }], ports: [{ protocol: "TCP", port: 9000 }] }]);
});

test("an object store outside the cluster with no egress rule for it: a warning naming the cluster", async () => {
  const platform = examplePlatform.replace("egress: { internet443: true }", "egress: {}");
  assert.is.not(platform, examplePlatform);
  const { code, err } = await compiled({ platform, tenants: { alpha: tenantSource("alpha") } });
  assert.is(code, 0, err);
  assert.match(err, /tenant pods on cluster "main" may not reach the object store \(AWS S3\).*\[storage-egress\]/);
});

test("s3 with IRSA: no key pair anywhere, a ServiceAccount with the tenant's role that the Open edX pods run as", async () => {
  const { code, err, tree } = await compiled({
    platform: withStorage('{ provider: "s3", region: "eu-west-1", bucketPrefix: "example-fleet", irsaRoleArnPrefix: "arn:aws:iam::123456789012:role/openedx-" }'),
    tenants: { alpha: tenantSource("alpha") },
  });
  assert.is(code, 0, err);
  const config = YAML.parse(tree.get("tenants/alpha/config.yml")!);
  assert.equal([config.FLEET_SECRETS_S3_IRSA, config.OPENEDX_AWS_ACCESS_KEY, config.OPENEDX_AWS_SECRET_ACCESS_KEY], [true, undefined, undefined]);
  const objects = docs(tree, "tenants/alpha/resources/objects.yaml");
  assert.not.ok(objects.some((o) => o.metadata.name === "openedx-storage" && o.kind === "ExternalSecret"));
  const account = objects.find((o) => o.kind === "ServiceAccount" && o.metadata.name === "openedx-storage");
  assert.is(account.metadata.annotations["eks.amazonaws.com/role-arn"], "arn:aws:iam::123456789012:role/openedx-alpha");
  assert.is(JSON.parse(tree.get("tenants/alpha/render.json")!).serviceAccount, "openedx-storage");
  const spaces = await compiled({ platform: withStorage('{ provider: "spaces", endpoint: "https://fra1.digitaloceanspaces.com", bucketPrefix: "x-edu", irsaRoleArnPrefix: "arn:aws:iam::123456789012:role/x-" }'), tenants: { alpha: tenantSource("alpha") } });
  assert.is(spaces.code, 1);
  assert.match(spaces.err, /objectStorage\.irsaRoleArnPrefix: IRSA .* exists on AWS only/);
});

test("a bucket name S3 refuses is located at the tenant's id; overlapping prefixes are refused", async () => {
  const id = `t${"x".repeat(55)}`;
  const long = await compiled({ tenants: { [id]: tenantSource(id) } });
  assert.is(long.code, 1);
  assert.match(long.err, new RegExp(`tenants/${id}\\.ts:3:7 error id: this tenant's bucket "example-fleet-${id}" .*is 70 characters long.*\\[storage-bucket\\]`));
  const platform = examplePlatform.replace("      egress: {", '      objectStorage: { provider: "s3", bucketPrefix: "example-fleet-eu" },\n      egress: {');
  const overlap = await compiled({ platform, tenants: { alpha: tenantSource("alpha") } });
  assert.is(overlap.code, 1);
  assert.match(overlap.err, /bucket prefix "example-fleet" reaches the buckets of prefix "example-fleet-eu".*\[storage-prefix\]/);
});

test("spaces needs an endpoint; keys are never tenant settings", async () => {
  const spaces = await compiled({ platform: withStorage('{ provider: "spaces", region: "fra1", bucketPrefix: "acme-edu" }'), tenants: { alpha: tenantSource("alpha") } });
  assert.is(spaces.code, 1);
  assert.match(spaces.err, /objectStorage\.endpoint: `spaces` needs an `endpoint`/);
  const access = await compiled({ tenants: { alpha: tenantSource("alpha", 'tutor: { OPENEDX_AWS_ACCESS_KEY: "AKIAEXAMPLE" },') } });
  assert.is(access.code, 1);
  assert.match(access.err, /OPENEDX_AWS_ACCESS_KEY.*is set by the compiler.*\[tutor-owned\]/);
  const secret = await compiled({ tenants: { alpha: tenantSource("alpha", 'tutor: { OPENEDX_AWS_SECRET_ACCESS_KEY: "x" },') } });
  assert.is(secret.code, 1);
  assert.match(secret.err, /\[tutor-secret\]/);
});

test("without object storage the compile warns and the tenant gets no storage settings", async () => {
  const platform = examplePlatform.replace(S3_LINE, "\n");
  assert.is.not(platform, examplePlatform);
  const { code, err, tree } = await compiled({ platform, tenants: { alpha: tenantSource("alpha") } });
  assert.is(code, 0, err);
  assert.match(err, /no object storage for the tenants of cluster "main".*\[object-storage\]/);
  const config = YAML.parse(tree.get("tenants/alpha/config.yml")!);
  assert.is(config.FLEET_SECRETS_S3_BUCKET, undefined);
  assert.not.ok(docs(tree, "tenants/alpha/resources/objects.yaml").some((o) => o.metadata.name === "openedx-storage"));
});

test.run();
