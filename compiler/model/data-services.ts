// Where the shared data services run and what their objects are called: the contract between their platform
// components, each tenant's provisioning objects and the endpoints in the tenant's config.yml.

export const SHARED_SERVICES = {
  /** MariaDB (mariadb-operator): the MariaDB object and its Service share the name. */
  mysql: { namespace: "mysql", name: "mysql", port: 3306 },
  /** Percona Server for MongoDB: Service `<name>-<replicaSet>` answers for the replica set. */
  mongodb: { namespace: "mongodb", name: "mongodb", replicaSet: "rs0", port: 27017 },
  /** Valkey (Redis-compatible), chart fullname `redis`. */
  redis: { namespace: "redis", name: "redis", port: 6379 },
  /** Meilisearch, chart fullname `meilisearch`. */
  search: { namespace: "meilisearch", name: "meilisearch", port: 7700 },
} as const;

export type DataService = keyof typeof SHARED_SERVICES;
export const DATA_SERVICES = Object.keys(SHARED_SERVICES) as DataService[];

/** ServiceAccount in each shared service's namespace allowed to read tenants' own Secret (and nothing else). */
export const TENANT_SECRET_READER = "tenant-secret-reader";

/** SecretStore in a shared service's namespace that reads one tenant's own Secret. */
export const tenantStoreName = (id: string) => `tenant-${id}`;

/** Copy of a tenant's credential in a shared service's namespace (made by an ExternalSecret). */
export const tenantCredentialName = (id: string) => `tenant-${id}`;

/** Secret in the mongodb namespace with the operator's user administrator (made by the operator). */
export const MONGODB_SYSTEM_USERS_SECRET = "mongodb-system-users";

/** Admin credentials made in-cluster by External Secrets Password generators (CreatedOnce). */
export const REDIS_ADMIN_SECRET = "redis-admin";
export const MEILISEARCH_MASTER_KEY_SECRET = "meilisearch-master-key";
export const MYSQL_ROOT_SECRET = "mysql-root";

/** Label on each tenant's ACL entry in the redis namespace: the shared ACL file is assembled from these. */
export const REDIS_ACL_LABEL = "fleet.openedx.org/redis-acl";

/** Images, pinned: the MongoDB servers, and those of our own provisioning Jobs. */
export const IMAGES = {
  /** Percona Server for MongoDB 7.0 (Tutor 21 runs MongoDB 7.0); it ships mongosh for the user Jobs. */
  psmdb: "docker.io/percona/percona-server-mongodb:7.0.24-13",
  valkey: "docker.io/valkey/valkey:9.1.1-alpine",
  curl: "docker.io/curlimages/curl:8.17.0",
  /** MinIO's client, for each tenant's bucket, user and policy on a MinIO object store. */
  mc: "docker.io/minio/mc:RELEASE.2025-08-13T08-35-41Z",
  /** MinIO's server, for the `minio` component (the last image MinIO published to Docker Hub). */
  minio: "docker.io/minio/minio:RELEASE.2025-09-07T16-13-09Z",
} as const;

/**
 * Kinds a tenant's own Application may never create: an operator CR in the tenant namespace can point at
 * the shared server (mariaDbRef to mysql/mysql, a Grant on *.*), so only the platform side writes them.
 */
export const PLATFORM_ONLY_DATA_KINDS = [
  { group: "k8s.mariadb.com", kind: "*" },
  { group: "psmdb.percona.com", kind: "*" },
] as const;
