// The shared Redis: Valkey from its own chart, with an ACL file that External Secrets assembles in the cluster
// from the admin password (generated once) and every tenant's entry, reloaded by a small CronJob.
import { REDIS } from "../../../model/downstream-names";
import { IMAGES, REDIS_ACL_LABEL, REDIS_ADMIN_SECRET, SHARED_SERVICES } from "../../../model/data-services";
import { KEEP_DATA, SYNC_OPTIONS } from "../../argocd";
import { CHARTS } from "../../data/charts";
import { ESO_API, generatedPassword, kubernetesStore, tenantSecretReader } from "../../data/eso";
import type { KubeObject } from "../../objects";
import type { ComponentContext, ComponentDef } from "../component";
import { earlier } from "./shared";

const { namespace, name, port } = SHARED_SERVICES.redis;
export const ACL_SECRET = "redis-acl";
const ASSEMBLER = "acl-assembler";

// Each entry is one `user ...` line (see render/tenant/data/redis.ts); find returns each Secret as JSON.
// `default` (no password) may only PING, for the chart's probes; the platform's own user is `admin`.
export const ADMIN_USER = REDIS.users.admin;
const ACL_TEMPLATE = `user ${REDIS.users.probe} on nopass resetkeys resetchannels -@all +ping
user ${ADMIN_USER} on #{{ .adminPassword | sha256sum }} ~* &* +@all
{{- range $secret, $json := . }}{{ if ne $secret "adminPassword" }}
{{ ($json | fromYaml).acl }}{{ end }}{{ end }}
`;

/** The Valkey chart's Deployment strategy for a single replica on a ReadWriteOnce volume: stop, then start. */
export const VALKEY_STRATEGY = "Recreate";

/** A persistent Valkey volume that neither Helm nor an Argo CD sync ever deletes. */
export function valkeyStorage(size: string, storageClass: string | undefined): Record<string, unknown> {
  return { enabled: true, requestedSize: size, keepPvc: true, annotations: { [SYNC_OPTIONS]: KEEP_DATA }, ...(storageClass ? { className: storageClass } : {}) };
}

function values(ctx: ComponentContext): Record<string, unknown> {
  const s = ctx.cluster.components.redis;
  return {
    fullnameOverride: name,
    // the ACL file is mounted from the assembled Secret; `ACL LOAD` picks up changes without a restart
    valkeyConfig: "aclfile /acl/users.acl\nappendonly yes\nmaxmemory-policy noeviction\n",
    extraValkeySecrets: [{ name: ACL_SECRET, mountPath: "/acl" }],
    dataStorage: valkeyStorage(s.storageSize ?? "10Gi", ctx.cluster.storageClass),
    // one replica on a ReadWriteOnce volume: a rolling update would start a second Valkey on the same volume
    // (Multi-Attach on another node, two writers of one append-only file on the same one)
    deploymentStrategy: VALKEY_STRATEGY,
    resources: { requests: { cpu: "250m", memory: "1Gi" }, limits: { memory: "2Gi" } },
  };
}

function objects(ctx: ComponentContext): KubeObject[] {
  const rbac: KubeObject[] = [
    { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: ASSEMBLER, namespace } },
    { apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role", metadata: { name: ASSEMBLER, namespace }, rules: [{ apiGroups: [""], resources: ["secrets"], verbs: ["get", "list", "watch"] }] },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: { name: ASSEMBLER, namespace },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: ASSEMBLER },
      subjects: [{ kind: "ServiceAccount", name: ASSEMBLER, namespace }],
    },
  ];
  const acl: KubeObject = {
    apiVersion: ESO_API,
    kind: "ExternalSecret",
    metadata: { name: ACL_SECRET, namespace },
    spec: {
      refreshInterval: "1m",
      secretStoreRef: { kind: "SecretStore", name: ASSEMBLER },
      target: { name: ACL_SECRET, creationPolicy: "Owner", template: { engineVersion: "v2", data: { "users.acl": ACL_TEMPLATE } } },
      data: [{ secretKey: "adminPassword", remoteRef: { key: REDIS_ADMIN_SECRET, property: "password" } }],
      dataFrom: [{ find: { tags: { [REDIS_ACL_LABEL]: "true" } } }],
    },
  };
  const reload: KubeObject = {
    apiVersion: "batch/v1",
    kind: "CronJob",
    metadata: { name: "acl-reload", namespace },
    spec: {
      schedule: "*/2 * * * *",
      concurrencyPolicy: "Forbid",
      successfulJobsHistoryLimit: 1,
      failedJobsHistoryLimit: 3,
      jobTemplate: {
        spec: {
          backoffLimit: 1,
          template: {
            spec: {
              restartPolicy: "Never",
              automountServiceAccountToken: false,
              securityContext: { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: "RuntimeDefault" } },
              containers: [
                {
                  name: "acl-load",
                  image: IMAGES.valkey,
                  command: ["valkey-cli", "-h", `${name}.${namespace}.svc.cluster.local`, "-p", String(port), "--user", ADMIN_USER, "ACL", "LOAD"],
                  // valkey-cli reads its password from VALKEYCLI_AUTH (REDISCLI_AUTH in older builds), never from argv
                  env: ["VALKEYCLI_AUTH", "REDISCLI_AUTH"].map((name) => ({ name, valueFrom: { secretKeyRef: { name: REDIS_ADMIN_SECRET, key: "password" } } })),
                  resources: { requests: { cpu: "10m", memory: "16Mi" }, limits: { memory: "64Mi" } },
                  securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
                },
              ],
            },
          },
        },
      },
    },
  };
  // Valkey mounts the ACL file at start: everything that makes it comes before the chart
  const beforeChart = [...generatedPassword(REDIS_ADMIN_SECRET, namespace, "password"), ...rbac, kubernetesStore(ASSEMBLER, namespace, namespace, ASSEMBLER), acl].map(earlier);
  return [tenantSecretReader(namespace), ...beforeChart, reload];
}

export const redis: ComponentDef = {
  app: "redis",
  component: "redis",
  when: (ctx) => !ctx.cluster.components.redis.external,
  namespace,
  wave: 5,
  chart: CHARTS.valkey,
  values,
  objects,
  keepsData: true,
  podSecurity: "restricted",
};
