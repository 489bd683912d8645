// The tenant's bucket and keys on a MinIO object store: a key generated in the cluster once (the credentials
// namespace holds it as `storage-<id>`, where the s3 and spaces operators put theirs by hand), and an idempotent
// Job that creates the bucket, a policy confined to it and the tenant's user. Nothing is ever deleted: an
// archived or removed tenant keeps its bucket and its uploads.
import { CREDENTIALS_NAMESPACE, PASSWORD_KEY, STORAGE_KEYS } from "../../../model/credentials";
import { IMAGES } from "../../../model/data-services";
import type { ResolvedTenant } from "../../../model/resolve";
import type { Platform } from "../../../schema/platform";
import { ESO_API } from "../../data/eso";
import { provisioningJob, secretEnv } from "../../data/jobs";
import { customResourceAnnotations } from "../../data/sync";
import { tenantLabels, type KubeObject } from "../../objects";

// values come from the environment; the bucket name is [a-z0-9-] (schema and S3 rules), so it is safe in JSON
const SCRIPT = `export MC_CONFIG_DIR=/tmp/.mc
mc alias set fleet "$MINIO_URL" "$ADMIN_USER" "$ADMIN_PASSWORD" >/dev/null
mc mb --ignore-existing "fleet/$BUCKET"
cat > /tmp/policy.json <<POLICY
{"Version":"2012-10-17","Statement":[
 {"Effect":"Allow","Action":["s3:GetBucketLocation","s3:ListBucket","s3:ListBucketMultipartUploads"],"Resource":["arn:aws:s3:::$BUCKET"]},
 {"Effect":"Allow","Action":["s3:GetObject","s3:PutObject","s3:DeleteObject","s3:AbortMultipartUpload","s3:ListMultipartUploadParts"],"Resource":["arn:aws:s3:::$BUCKET/*"]}]}
POLICY
mc admin policy create fleet "$BUCKET" /tmp/policy.json
mc admin user add fleet "$TENANT_USER" "$TENANT_SECRET"
# a second attach fails with "policy change is already in effect" (minio/mc#4863): that is converged
if ! out=$(mc admin policy attach fleet "$BUCKET" --user "$TENANT_USER" 2>&1); then
  case "$out" in *"already in effect"*|*"no net effect"*) ;; *) echo "$out" >&2; exit 1 ;; esac
fi`;

const GENERATOR_API = "generators.external-secrets.io/v1alpha1";

export function storageProvisioning(t: ResolvedTenant, platform: Platform): KubeObject[] {
  const s = t.storage;
  if (!s?.credentialsSecret || s.spec.provider !== "minio") return [];
  const labels = tenantLabels(t, platform.fleet);
  const name = s.credentialsSecret;
  const namespace = CREDENTIALS_NAMESPACE;
  const generator: KubeObject = {
    apiVersion: GENERATOR_API,
    kind: "Password",
    metadata: { name, namespace, labels, annotations: customResourceAnnotations({ keepData: false }) },
    // MinIO takes secret keys of 8 to 40 characters
    spec: { length: 40, digits: 8, symbols: 0, noUpper: false, allowRepeat: true },
  };
  const keys: KubeObject = {
    apiVersion: ESO_API,
    kind: "ExternalSecret",
    metadata: { name, namespace, labels, annotations: customResourceAnnotations({ keepData: true }) },
    spec: {
      refreshPolicy: "CreatedOnce",
      // Orphan: the keys outlive their ExternalSecret, like the bucket they open
      target: {
        name,
        creationPolicy: "Orphan",
        // the access key is the bucket's name (not a secret); the secret key is generated
        template: { engineVersion: "v2", data: { [STORAGE_KEYS.accessKeyId]: s.bucket, [STORAGE_KEYS.secretAccessKey]: "{{ .password }}" } },
      },
      dataFrom: [{ sourceRef: { generatorRef: { apiVersion: GENERATOR_API, kind: "Password", name } } }],
    },
  };
  const admin = s.spec.minio.adminSecret;
  const job = provisioningJob({
    name,
    namespace,
    labels,
    image: IMAGES.mc,
    script: SCRIPT,
    env: [
      { name: "MINIO_URL", value: s.endpointUrl },
      { name: "BUCKET", value: s.bucket },
      secretEnv("TENANT_USER", name, STORAGE_KEYS.accessKeyId),
      secretEnv("TENANT_SECRET", name, STORAGE_KEYS.secretAccessKey),
      secretEnv("ADMIN_USER", admin, "username"),
      secretEnv("ADMIN_PASSWORD", admin, PASSWORD_KEY),
    ],
  });
  return [generator, keys, job];
}
