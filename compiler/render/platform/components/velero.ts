// Velero: hourly, daily and weekly backups of Kubernetes objects and volume contents (kopia) to the platform's
// object storage. Restore one tenant: velero restore create --from-schedule fleet-hourly --include-namespaces <id>
import { RESTRICTED_CONTAINER } from "../../../model/chart-security";
import { backupPolicy, retentionTtl, type BackupPolicy } from "../../../model/backups";
import type { KubeObject } from "../../objects";
import type { ComponentContext, ComponentDef } from "../component";
import { AFTER_CHART } from "./shared";

const NAMESPACE = "velero";
const LOCATION = "default";
/** Speaks S3 to AWS, DigitalOcean Spaces, MinIO and other S3-compatible stores; v1.14 pairs with Velero 1.18. */
const AWS_PLUGIN = "velero/velero-plugin-for-aws:v1.14.2";
/**
 * Not backed up: the Kubernetes system namespaces, monitoring (metrics are disposable, everything else there
 * is in git) and Velero's own. Everything else is: tenant namespaces with their in-cluster generated Secrets
 * and volumes, and the shared data services' namespaces.
 */
const EXCLUDED = ["kube-node-lease", "kube-public", "kube-system", "monitoring", NAMESPACE];

const policyOf = (ctx: ComponentContext) => backupPolicy(ctx.cluster.components);

function values(ctx: ComponentContext): Record<string, unknown> {
  const policy = policyOf(ctx)!;
  const secret = policy.storage.credentialsSecret;
  const monitored = ctx.cluster.components.monitoring.enabled;
  return {
    initContainers: [
      {
        name: "velero-plugin-for-aws",
        image: AWS_PLUGIN,
        imagePullPolicy: "IfNotPresent",
        volumeMounts: [{ mountPath: "/target", name: "plugins" }],
        securityContext: RESTRICTED_CONTAINER,
        resources: { requests: { cpu: "10m", memory: "32Mi" }, limits: { memory: "128Mi" } },
      },
    ],
    // the storage location is our own object (objects.yaml), validated like every other
    configuration: { backupStorageLocation: [], volumeSnapshotLocation: [], uploaderType: "kopia", defaultVolumesToFsBackup: true },
    // A Secret created in the cluster, the same shape the database backups read (AWS_ACCESS_KEY_ID,
    // AWS_SECRET_ACCESS_KEY), as environment of the server and node agents; or workload identity (IRSA)
    credentials: { useSecret: false, ...(secret ? { extraSecretRef: secret } : {}) },
    snapshotsEnabled: false,
    deployNodeAgent: true,
    // Argo CD applies the chart's CRDs itself; the hook Job that re-applies them is not needed
    upgradeCRDs: false,
    resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { memory: "1Gi" } },
    nodeAgent: { resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { memory: "2Gi" } } },
    // ServiceMonitor and node-agent PodMonitor: Velero syncs after the monitoring chart has made their CRDs
    metrics: { enabled: true, serviceMonitor: { enabled: monitored }, nodeAgentPodMonitor: { enabled: monitored } },
  };
}

function storageLocation(policy: BackupPolicy): KubeObject {
  const { bucket, region, endpoint } = policy.storage;
  // S3-compatible stores cannot tell the plugin their region; us-east-1 is what MinIO and most others accept
  const regionOf = region ?? (endpoint ? "us-east-1" : undefined);
  const config: Record<string, string> = { ...(regionOf ? { region: regionOf } : {}), ...(endpoint ? { s3Url: endpoint, s3ForcePathStyle: "true" } : {}) };
  return {
    apiVersion: "velero.io/v1",
    kind: "BackupStorageLocation",
    metadata: { name: LOCATION, namespace: NAMESPACE, annotations: { ...AFTER_CHART } },
    spec: { provider: "aws", default: true, accessMode: "ReadWrite", objectStorage: { bucket, prefix: "velero" }, ...(Object.keys(config).length ? { config } : {}) },
  };
}

/** Schedule `fleet-<name>` of `backups.schedules`. */
export const scheduleName = (name: string) => `fleet-${name}`;

/**
 * Fleet-wide schedules rather than one per tenant: a new tenant is covered the hour it appears without
 * changing any platform file, and a single tenant restores from one with `--include-namespaces <id>`.
 */
function schedules(policy: BackupPolicy): KubeObject[] {
  return Object.entries(policy.schedules)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, s]) => schedule(scheduleName(name), s.cron, s.keepHours));
}

function schedule(name: string, cron: string, keepHours: number): KubeObject {
  return {
    apiVersion: "velero.io/v1",
    kind: "Schedule",
    metadata: { name, namespace: NAMESPACE, annotations: { ...AFTER_CHART } },
    spec: {
      schedule: cron,
      useOwnerReferencesInBackup: false,
      template: {
        ttl: retentionTtl(keepHours),
        storageLocation: LOCATION,
        includedNamespaces: ["*"],
        excludedNamespaces: EXCLUDED,
        includeClusterResources: true,
        snapshotVolumes: false,
        defaultVolumesToFsBackup: true,
      },
    },
  };
}

export const velero: ComponentDef = {
  app: "velero",
  component: "backups",
  // no storage, no Velero: a platform rule says what to set
  when: (ctx) => policyOf(ctx) !== undefined,
  namespace: NAMESPACE,
  // unused: Velero syncs alone in its cluster's backups root, waiting on no tenant and no other component
  wave: 0,
  // 12.1.0 (Velero 1.18.1): the newest chart; 1.18.1 fixes CVE-2026-32637 in restore; pin checked: gh-pages
  // index.yaml of github.com/vmware-tanzu/helm-charts
  chart: { repoURL: "https://vmware-tanzu.github.io/helm-charts", chart: "velero", version: "12.1.0" },
  values,
  objects: (ctx) => [storageLocation(policyOf(ctx)!), ...schedules(policyOf(ctx)!)],
  keepsData: true,
  // the node agent reads pod volumes from the host
  podSecurity: "privileged",
};
