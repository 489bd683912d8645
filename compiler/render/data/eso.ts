// External Secrets objects the data components share: stores that read a tenant's own Secret from a platform
// namespace, copies of one credential, and admin passwords generated in-cluster once.
import { TENANT_SECRET, TENANT_SECRET_KEYS } from "../../model/secrets";
import { TENANT_SECRET_READER, tenantCredentialName, tenantStoreName } from "../../model/data-services";
import { deepFreeze, type KubeObject } from "../objects";
import { customResourceAnnotations } from "./sync";

const cr = customResourceAnnotations({ keepData: false });

export const ESO_API = "external-secrets.io/v1";
export const IN_CLUSTER_API = deepFreeze({ url: "https://kubernetes.default.svc", caProvider: { type: "ConfigMap", name: "kube-root-ca.crt", key: "ca.crt" } });

// the readers' auth, by ServiceAccount, and each key's copy of the tenant's own Secret: the same for every tenant
const auths = new Map<string, object>();
const authAs = (serviceAccount: string) => {
  let a = auths.get(serviceAccount);
  if (!a) auths.set(serviceAccount, (a = deepFreeze({ serviceAccount: { name: serviceAccount } })));
  return a;
};
const credentialData = new Map<string, object[]>();
const credentialDataOf = (key: keyof typeof TENANT_SECRET_KEYS) => {
  let d = credentialData.get(key);
  if (!d) credentialData.set(key, (d = deepFreeze([{ secretKey: "password", remoteRef: { key: TENANT_SECRET, property: TENANT_SECRET_KEYS[key] } }])));
  return d;
};

/** A SecretStore in `namespace` that reads Secrets of `remoteNamespace` as the ServiceAccount `serviceAccount`. */
export function kubernetesStore(name: string, namespace: string, remoteNamespace: string, serviceAccount: string, labels: Record<string, string> = {}): KubeObject {
  return {
    apiVersion: ESO_API,
    kind: "SecretStore",
    metadata: { name, namespace, labels, annotations: cr },
    spec: { provider: { kubernetes: { remoteNamespace, server: IN_CLUSTER_API, auth: authAs(serviceAccount) } } },
  };
}

/** The store a shared service's namespace uses to read one tenant's own Secret (RBAC in the tenant namespace limits it to that Secret). */
export const tenantStore = (id: string, serviceNamespace: string, labels: Record<string, string>) =>
  kubernetesStore(tenantStoreName(id), serviceNamespace, id, TENANT_SECRET_READER, labels);

/**
 * A copy, in a shared service's namespace, of one key of the tenant's own Secret, optionally re-shaped by a
 * template. Only the tenant's password travels; no admin credential ever goes the other way.
 */
export function tenantCredential(
  id: string,
  serviceNamespace: string,
  key: keyof typeof TENANT_SECRET_KEYS,
  labels: Record<string, string>,
  template?: { data: Record<string, string>; labels?: Record<string, string> },
): KubeObject {
  return {
    apiVersion: ESO_API,
    kind: "ExternalSecret",
    metadata: { name: tenantCredentialName(id), namespace: serviceNamespace, labels, annotations: cr },
    spec: {
      refreshInterval: "1h",
      secretStoreRef: { kind: "SecretStore", name: tenantStoreName(id) },
      target: {
        name: tenantCredentialName(id),
        creationPolicy: "Owner",
        ...(template ? { template: { engineVersion: "v2", ...(template.labels ? { metadata: { labels: template.labels } } : {}), data: template.data } } : {}),
      },
      data: credentialDataOf(key),
    },
  };
}

/** An admin password generated in the cluster once and never rotated by a refresh (nor pruned by a sync). */
export function generatedPassword(name: string, namespace: string, secretKey: string, labels: Record<string, string> = {}): KubeObject[] {
  return [
    {
      apiVersion: "generators.external-secrets.io/v1alpha1",
      kind: "Password",
      metadata: { name, namespace, labels, annotations: cr },
      spec: { length: 40, digits: 8, symbols: 0, noUpper: false, allowRepeat: true },
    },
    {
      apiVersion: ESO_API,
      kind: "ExternalSecret",
      metadata: { name, namespace, labels, annotations: customResourceAnnotations({ keepData: true }) },
      spec: {
        refreshPolicy: "CreatedOnce",
        // Orphan: the Secret outlives its ExternalSecret, so removing the component never loses the data it guards
        target: { name, creationPolicy: "Orphan" },
        dataFrom: [
          {
            sourceRef: { generatorRef: { apiVersion: "generators.external-secrets.io/v1alpha1", kind: "Password", name } },
            // the generator's output key is `password`
            ...(secretKey === "password" ? {} : { rewrite: [{ regexp: { source: "^password$", target: secretKey } }] }),
          },
        ],
      },
    },
  ];
}

/** The ServiceAccount a shared service's namespace reads tenants' Secrets as; tenant namespaces bind it to a Role on their own Secret. */
export function tenantSecretReader(namespace: string): KubeObject {
  return { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: TENANT_SECRET_READER, namespace } };
}
