// What each Open edX instance costs when deployed with Tutor's own Kubernetes templates (the design this
// fleet replaces): its own MySQL, MongoDB, Redis and Meilisearch, and its own load balancer.

/**
 * Tutor 21.0.8's k8s templates (overhangio/tutor, tutor/templates/k8s/deployments.yml) set no resource
 * requests on the mysql, mongodb, redis and meilisearch Deployments, so the memory below is our stated
 * assumption of what each needs to run, not a Tutor figure:
 * - MySQL: 512Mi — InnoDB's default buffer pool is 128 MiB (innodb_buffer_pool_size) plus server buffers;
 * - MongoDB: 512Mi — WiredTiger's cache is at least 256 MB by default ("the larger of 50% of (RAM − 1 GB),
 *   or 256 MB"), plus the mongod process;
 * - Redis: 64Mi — an almost empty cache and Celery broker;
 * - Meilisearch: 256Mi — a small course index, memory-mapped.
 */
export const TUTOR_SERVICE_MEMORY = {
  mysql: { memory: "512Mi", basis: "assumption: InnoDB default buffer pool 128 MiB + server overhead (Tutor sets no request)" },
  mongodb: { memory: "512Mi", basis: "assumption: WiredTiger default cache minimum 256 MB + mongod overhead (Tutor sets no request)" },
  redis: { memory: "64Mi", basis: "assumption: small cache and Celery broker (Tutor sets no request)" },
  search: { memory: "256Mi", basis: "assumption: Meilisearch with a small course index (Tutor sets no request)" },
} as const;
export type BackingService = keyof typeof TUTOR_SERVICE_MEMORY;
export const BACKING_SERVICES = Object.keys(TUTOR_SERVICE_MEMORY) as BackingService[];

/**
 * Tutor 21.0.8 tutor/templates/k8s/services.yml: with ENABLE_WEB_PROXY (true by default) the caddy Service is
 * `type: LoadBalancer`, one per instance. This fleet sets ENABLE_WEB_PROXY false and serves every tenant
 * through the platform's ingress controller: one load balancer per cluster.
 */
export const TUTOR_LOAD_BALANCERS_PER_INSTANCE = 1;

export const TUTOR_SOURCE = "overhangio/tutor v21.0.8: tutor/templates/k8s/deployments.yml (no requests on mysql, mongodb, redis, meilisearch), tutor/templates/k8s/services.yml (caddy Service type LoadBalancer when ENABLE_WEB_PROXY)";
