// Which object storage a tenant's uploads go to: its cluster's `objectStorage`, else the platform's; its own
// bucket there, and the credentials Secret (platform-credentials) its keys are copied from.
import type { Platform } from "../schema/platform";
import type { ObjectStorage } from "../schema/storage";
import { tenantStorageSecret } from "./credentials";
import { S3 } from "./downstream-names";

export interface ResolvedStorage {
  spec: ObjectStorage;
  from: "cluster" | "platform";
  bucket: string;
  /** The endpoint URL boto3 talks to. */
  endpointUrl: string;
  /** Secret in the credentials namespace holding the tenant's keys (none with IRSA). */
  credentialsSecret?: string;
  /** The IAM role its pods assume (IRSA): no key pair at all. */
  roleArn?: string;
}

/** The ServiceAccount a tenant's Open edX pods run as when they assume an IAM role (IRSA). */
export const STORAGE_SERVICE_ACCOUNT = "openedx-storage";

export function storageSpecOf(platform: Pick<Platform, "objectStorage" | "clusters">, cluster: string): { spec: ObjectStorage; from: "cluster" | "platform" } | undefined {
  const own = platform.clusters[cluster]?.objectStorage;
  if (own) return { spec: own, from: "cluster" };
  return platform.objectStorage ? { spec: platform.objectStorage, from: "platform" } : undefined;
}

export function storageOf(id: string, platform: Platform, cluster: string): ResolvedStorage | undefined {
  const found = storageSpecOf(platform, cluster);
  if (!found) return undefined;
  const { spec } = found;
  return {
    ...found,
    bucket: S3.bucket(spec.bucketPrefix, id),
    endpointUrl: spec.endpoint ?? `https://s3.${spec.region}.amazonaws.com`,
    ...(spec.irsaRoleArnPrefix ? { roleArn: `${spec.irsaRoleArnPrefix}${id}` } : { credentialsSecret: tenantStorageSecret(id) }),
  };
}

/** An endpoint inside the cluster (`http://minio.minio.svc.cluster.local:9000`): its namespace and port. */
export function inClusterEndpoint(endpointUrl: string): { namespace: string; port: number } | undefined {
  const m = /^(https?):\/\/[a-z0-9-]+\.([a-z0-9-]+)\.svc(\.cluster\.local)?(?::(\d+))?$/.exec(endpointUrl);
  if (!m) return undefined;
  return { namespace: m[2]!, port: m[4] ? Number(m[4]) : m[1] === "https" ? 443 : 80 };
}
