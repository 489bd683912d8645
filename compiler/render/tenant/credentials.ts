// Copies, in the tenant namespace, of the credentials the operator keeps in the cluster's credentials
// namespace (model/credentials.ts): the mail relay's password and the private registries' logins. The
// values never pass through git.
import { CREDENTIALS_STORE, PASSWORD_KEY, privateRegistriesOf, registrySecret, STORAGE_KEYS } from "../../model/credentials";
import type { ResolvedTenant } from "../../model/resolve";
import { STORAGE_SERVICE_ACCOUNT } from "../../model/storage";
import type { Platform } from "../../schema/platform";
import { SMTP_PASSWORD, SMTP_SECRET, STORAGE_ENV, STORAGE_SECRET } from "../../tutor/secret-env";
import { ESO_API } from "../data/eso";
import { customResourceAnnotations } from "../data/sync";
import { deepFreeze, tenantLabels, type KubeObject } from "../objects";

const STORE_REF = deepFreeze({ kind: "ClusterSecretStore", name: CREDENTIALS_STORE });

/** An ExternalSecret copying keys of credential Secrets through the platform's ClusterSecretStore. */
export function credentialCopy(
  t: ResolvedTenant,
  platform: Platform,
  name: string,
  data: { secretKey: string; remoteKey: string; property: string }[],
  template?: Record<string, unknown>,
): KubeObject {
  return {
    apiVersion: ESO_API,
    kind: "ExternalSecret",
    metadata: { name, namespace: t.names.namespace, labels: tenantLabels(t, platform.fleet), annotations: customResourceAnnotations({ keepData: false }) },
    spec: {
      // a password changed by the operator reaches the tenant within the hour
      refreshInterval: "1h",
      secretStoreRef: STORE_REF,
      target: { name, creationPolicy: "Owner", ...(template ? { template } : {}) },
      data: data.map((d) => ({ secretKey: d.secretKey, remoteRef: { key: d.remoteKey, property: d.property } })),
    },
  };
}

export function mailCredentials(t: ResolvedTenant, platform: Platform): KubeObject[] {
  const secret = t.mail?.passwordSecret;
  if (!secret) return [];
  return [credentialCopy(t, platform, SMTP_SECRET, [{ secretKey: SMTP_PASSWORD, remoteKey: secret, property: PASSWORD_KEY }])];
}

/** The tenant's object-storage keys, from `storage-<id>` (the operator's for s3 and spaces, generated for minio). */
export function storageCredentials(t: ResolvedTenant, platform: Platform): KubeObject[] {
  const s = t.storage;
  if (!s) return [];
  if (s.roleArn) {
    // IRSA: EKS's webhook gives pods of this ServiceAccount a token for the role (post-render names it on them)
    const metadata = { name: STORAGE_SERVICE_ACCOUNT, namespace: t.names.namespace, labels: tenantLabels(t, platform.fleet), annotations: { "eks.amazonaws.com/role-arn": s.roleArn } };
    return [{ apiVersion: "v1", kind: "ServiceAccount", metadata, automountServiceAccountToken: false }];
  }
  if (!s.credentialsSecret) return [];
  return [
    credentialCopy(t, platform, STORAGE_SECRET, [
      { secretKey: STORAGE_ENV.accessKeyId, remoteKey: s.credentialsSecret, property: STORAGE_KEYS.accessKeyId },
      { secretKey: STORAGE_ENV.secretAccessKey, remoteKey: s.credentialsSecret, property: STORAGE_KEYS.secretAccessKey },
    ]),
  ];
}

/** The image pull secrets every pod of the tenant names (post-render adds them; render.json lists them). */
export const pullSecretsOf = (t: ResolvedTenant, platform: Platform): string[] => privateRegistriesOf(platform, t.cluster.name).map(registrySecret);

const DOCKER_CONFIG = ".dockerconfigjson";
// the copy keeps the type the kubelet requires of an image pull secret
const PULL_SECRET_TEMPLATE = deepFreeze({ type: "kubernetes.io/dockerconfigjson", engineVersion: "v2", mergePolicy: "Merge" });

export function registryCredentials(t: ResolvedTenant, platform: Platform): KubeObject[] {
  return pullSecretsOf(t, platform).map((name) => credentialCopy(t, platform, name, [{ secretKey: DOCKER_CONFIG, remoteKey: name, property: DOCKER_CONFIG }], PULL_SECRET_TEMPLATE));
}
