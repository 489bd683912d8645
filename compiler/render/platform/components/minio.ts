// An in-cluster MinIO for the tenants' buckets (objectStorage.provider "minio" without an endpoint): one server,
// one volume, for a laptop cluster. Its root credentials are generated in the cluster once, as `minio-admin` in
// platform-credentials (where the tenants' provisioning Jobs read them, render/tenant/data/storage.ts), and
// copied into namespace `minio` for the server by a store that may read that one Secret alone.
import type { V1Service, V1StatefulSet } from "@kubernetes/client-node";
import { CREDENTIALS_NAMESPACE } from "../../../model/credentials";
import { IMAGES } from "../../../model/data-services";
import { endpointOf, MINIO_ENDPOINT, MINIO_SERVER, storageSpecOf } from "../../../model/storage";
import { KEEP_DATA, SYNC_OPTIONS } from "../../argocd";
import { ESO_API, kubernetesStore } from "../../data/eso";
import { customResourceAnnotations } from "../../data/sync";
import type { KubeObject } from "../../objects";
import type { ComponentContext, ComponentDef } from "../component";
import { claimSpec, earlier } from "./shared";

const { namespace, name, port } = MINIO_SERVER;
const labels = { "app.kubernetes.io/name": name };
const READER = "minio-admin-reader";
const ROOT_SECRET = "minio-root";
const GENERATOR_API = "generators.external-secrets.io/v1alpha1";

/** The admin Secret the provisioning Jobs use: the cluster's object storage may name another. */
function adminSecret(ctx: ComponentContext): string {
  return storageSpecOf(ctx.platform, ctx.cluster.name)?.spec.minio.adminSecret ?? "minio-admin";
}

/** `minio-admin` in platform-credentials: a user name and a password generated once, never rotated, never pruned. */
function adminCredentials(admin: string): KubeObject[] {
  return [
    { apiVersion: GENERATOR_API, kind: "Password", metadata: { name: admin, namespace: CREDENTIALS_NAMESPACE, annotations: customResourceAnnotations({ keepData: false }) }, spec: { length: 40, digits: 8, symbols: 0, noUpper: false, allowRepeat: true } },
    {
      apiVersion: ESO_API,
      kind: "ExternalSecret",
      metadata: { name: admin, namespace: CREDENTIALS_NAMESPACE, annotations: customResourceAnnotations({ keepData: true }) },
      spec: {
        refreshPolicy: "CreatedOnce",
        // Orphan: the Secret outlives its ExternalSecret, as the data it guards does
        target: { name: admin, creationPolicy: "Orphan", template: { engineVersion: "v2", data: { username: "fleet-admin", password: "{{ .password }}" } } },
        dataFrom: [{ sourceRef: { generatorRef: { apiVersion: GENERATOR_API, kind: "Password", name: admin } } }],
      },
    },
  ];
}

/** The server's copy: a store in `minio` whose ServiceAccount may get that one Secret of platform-credentials. */
function rootCopy(admin: string): KubeObject[] {
  const role = { name: READER, namespace: CREDENTIALS_NAMESPACE };
  return [
    { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: READER, namespace } },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "Role",
      metadata: role,
      rules: [{ apiGroups: [""], resources: ["secrets"], resourceNames: [admin], verbs: ["get"] }],
    },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: role,
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: READER },
      subjects: [{ kind: "ServiceAccount", name: READER, namespace }],
    },
    kubernetesStore(READER, namespace, CREDENTIALS_NAMESPACE, READER),
    {
      apiVersion: ESO_API,
      kind: "ExternalSecret",
      metadata: { name: ROOT_SECRET, namespace, annotations: customResourceAnnotations({ keepData: false }) },
      spec: {
        refreshInterval: "1h",
        secretStoreRef: { kind: "SecretStore", name: READER },
        target: { name: ROOT_SECRET, creationPolicy: "Owner" },
        data: ["username", "password"].map((k) => ({ secretKey: k, remoteRef: { key: admin, property: k } })),
      },
    },
  ];
}

function server(ctx: ComponentContext): KubeObject[] {
  const env = (v: string, key: string) => ({ name: v, valueFrom: { secretKeyRef: { name: ROOT_SECRET, key } } });
  const statefulSet: V1StatefulSet & KubeObject = {
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: { name, namespace },
    spec: {
      serviceName: name,
      replicas: 1,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          automountServiceAccountToken: false,
          securityContext: { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000, seccompProfile: { type: "RuntimeDefault" } },
          containers: [
            {
              name,
              image: IMAGES.minio,
              args: ["server", "/data", `--address=:${port}`],
              // HOME: mc's and minio's config dir, on a writable volume under a read-only root
              env: [env("MINIO_ROOT_USER", "username"), env("MINIO_ROOT_PASSWORD", "password"), { name: "MINIO_BROWSER", value: "off" }, { name: "HOME", value: "/tmp" }],
              ports: [{ name: "s3", containerPort: port }],
              readinessProbe: { httpGet: { path: "/minio/health/ready", port: "s3" }, periodSeconds: 10 },
              livenessProbe: { httpGet: { path: "/minio/health/live", port: "s3" }, initialDelaySeconds: 30, periodSeconds: 20 },
              resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { memory: "1Gi" } },
              securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
              volumeMounts: [
                { name: "data", mountPath: "/data" },
                { name: "tmp", mountPath: "/tmp" },
              ],
            },
          ],
          volumes: [{ name: "tmp", emptyDir: {} }],
        },
      },
      // the buckets' volume: never deleted or pruned by a sync
      volumeClaimTemplates: [{ metadata: { name: "data", annotations: { [SYNC_OPTIONS]: KEEP_DATA } }, spec: claimSpec(ctx, ctx.cluster.components.minio.storageSize ?? "20Gi") }],
    },
  };
  const service: V1Service & KubeObject = {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name, namespace },
    spec: { selector: labels, ports: [{ name: "s3", port, targetPort: "s3" }] },
  };
  return [statefulSet, service];
}

/** Turned on explicitly, or (by the local profile) because this cluster's tenants use the in-cluster MinIO. */
function wanted(ctx: ComponentContext): boolean {
  const explicit = ctx.cluster.spec.components?.minio?.enabled ?? ctx.platform.components.minio?.enabled;
  if (explicit !== undefined) return explicit;
  const found = storageSpecOf(ctx.platform, ctx.cluster.name);
  return found?.spec.provider === "minio" && endpointOf(found.spec) === MINIO_ENDPOINT;
}

export const minio: ComponentDef = {
  app: "minio",
  component: "minio",
  when: wanted,
  namespace,
  wave: 5,
  // the root credentials must exist before the server starts
  objects: (ctx) => [...[...adminCredentials(adminSecret(ctx)), ...rootCopy(adminSecret(ctx))].map(earlier), ...server(ctx)],
  keepsData: true,
  podSecurity: "restricted",
};
