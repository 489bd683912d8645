// Every name derived from a tenant id, in one place. Names are pure functions of the id: no hashes, no
// counters, so nothing is ever renamed (a rename would be a delete on the cluster).

export const LABEL_PREFIX = "fleet.openedx.org";
export const LABELS = {
  fleet: `${LABEL_PREFIX}/fleet`,
  tenant: `${LABEL_PREFIX}/tenant`,
  team: `${LABEL_PREFIX}/team`,
  costCentre: `${LABEL_PREFIX}/cost-centre`,
  component: `${LABEL_PREFIX}/component`,
  managedBy: "app.kubernetes.io/managed-by",
} as const;
export const MANAGED_BY = "openedx-fleet";

/** MySQL and MongoDB names cannot hold '-'; ids cannot hold '_', so this mapping never merges two ids. */
const sqlName = (id: string) => id.replace(/-/g, "_");

export function tenantNames(id: string) {
  return {
    namespace: id,
    /** Argo CD Application that renders the Open edX instance with Tutor. */
    application: id,
    /** Argo CD Application for the platform-owned objects of the tenant (namespace, quota, policies, provisioning). */
    baseApplication: `${id}--base`,
    /** Argo CD Application that syncs the tenant's project and Applications in order (its app-of-apps). */
    rootApplication: `${id}--root`,
    project: id,
    /** Tutor's ID: it ends up in Deployment selectors, which are immutable, so it must never change. */
    tutorId: id,
    mysqlDatabase: sqlName(id),
    mysqlUser: sqlName(id),
    mongodbDatabase: sqlName(id),
    mongodbUser: sqlName(id),
    redisUser: id,
    /** The only keys and channels the tenant's Redis user may touch on a shared Redis: the instance prefixes its cache and Celery keys with it. */
    redisKeyPrefix: `${id}:`,
    /** '_' cannot occur in an id, so no tenant's prefix is a prefix of another's. */
    searchIndexPrefix: `${sqlName(id)}_`,
    /** Helm release names of dedicated services are `<id>-<service>`. */
    helmRelease: (service: string) => `${id}-${service}`,
  };
}
export type TenantNames = ReturnType<typeof tenantNames>;

/** Length limits of the systems the derived names end up in. */
export const NAME_LIMITS = {
  namespace: 63,
  helmRelease: 53,
  mysqlUser: 32,
  mysqlDatabase: 64,
  mongodbDatabase: 63,
} as const;

/** Names tenants may not take: Kubernetes' own, Argo CD's, and system databases and users. */
export const RESERVED_IDS = new Set([
  "default",
  "argocd",
  "platform",
  "mysql",
  "sys",
  "information-schema",
  "performance-schema",
  "admin",
  "local",
  "config",
  "root",
]);
export const RESERVED_ID_PREFIXES = ["kube-", "platform-", "argocd-"];

/** Service in a tenant namespace that serves the maintenance page while the tenant is in `maintenance`. */
export const MAINTENANCE_SERVICE = { name: "maintenance", port: 8080 } as const;
/** Tutor's in-cluster router: every public host of an active tenant is routed to it. */
export const CADDY_SERVICE = { name: "caddy", port: 80 } as const;

/** Argo CD Application and AppProject names of the platform side. */
export const PLATFORM_PROJECT = "platform";
export const ROOT_APPLICATION = "root";
