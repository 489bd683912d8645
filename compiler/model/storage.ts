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

/** The in-cluster MinIO of the `minio` component (render/platform/components/minio.ts): namespace, Service, port. */
export const MINIO_SERVER = { namespace: "minio", name: "minio", port: 9000 } as const;
export const MINIO_ENDPOINT = `http://${MINIO_SERVER.name}.${MINIO_SERVER.namespace}.svc.cluster.local:${MINIO_SERVER.port}`;

/** The S3 API's URL: as declared; else the in-cluster MinIO (minio) or AWS S3 of the region. */
export function endpointOf(spec: ObjectStorage): string {
  let url = endpoints.get(spec);
  if (url === undefined) endpoints.set(spec, (url = spec.endpoint ?? (spec.provider === "minio" ? MINIO_ENDPOINT : `https://s3.${spec.region}.amazonaws.com`)));
  return url;
}
// one URL per declared storage, asked for by each of its tenants: one string, not one per tenant
const endpoints = new WeakMap<ObjectStorage, string>();

export function storageSpecOf(platform: Pick<Platform, "objectStorage" | "clusters">, cluster: string): { spec: ObjectStorage; from: "cluster" | "platform" } | undefined {
  const own = platform.clusters[cluster]?.objectStorage;
  if (own) return { spec: own, from: "cluster" };
  return platform.objectStorage ? { spec: platform.objectStorage, from: "platform" } : undefined;
}

export function storageOf(id: string, platform: Platform, cluster: string): ResolvedStorage | undefined {
  const found = storageSpecOf(platform, cluster);
  if (!found) return undefined;
  const { spec } = found;
  // the last member assigned, not spread in (same members, same order)
  const storage: ResolvedStorage = { spec, from: found.from, bucket: S3.bucket(spec.bucketPrefix, id), endpointUrl: endpointOf(spec) };
  if (spec.irsaRoleArnPrefix) storage.roleArn = `${spec.irsaRoleArnPrefix}${id}`;
  else storage.credentialsSecret = tenantStorageSecret(id);
  return storage;
}

/** An endpoint inside the cluster (`http://minio.minio.svc.cluster.local:9000`): its namespace and port. */
export function inClusterEndpoint(endpointUrl: string): { namespace: string; port: number } | undefined {
  // a handful of URLs, each asked for by every tenant of its storage
  if (inCluster.has(endpointUrl)) return inCluster.get(endpointUrl);
  const found = parseInCluster(endpointUrl);
  inCluster.set(endpointUrl, found);
  return found;
}
const inCluster = new Map<string, Readonly<{ namespace: string; port: number }> | undefined>();

function parseInCluster(endpointUrl: string): { namespace: string; port: number } | undefined {
  const m = /^(https?):\/\/[a-z0-9-]+\.([a-z0-9-]+)\.svc(\.cluster\.local)?(?::(\d+))?$/.exec(endpointUrl);
  if (!m) return undefined;
  return Object.freeze({ namespace: m[2]!, port: m[4] ? Number(m[4]) : m[1] === "https" ? 443 : 80 });
}
