// Every name derived from a tenant id, in one place. Names are pure functions of the id: no hashes, no
// counters, so nothing is ever renamed (a rename would be a delete on the cluster).
import { MEILISEARCH, MONGODB, MYSQL, REDIS } from "./downstream-names";

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

/** Every name is made by the rules of the system it goes to (model/downstream-names.ts), escaped for it. */
const known = new Map<string, ReturnType<typeof namesOf>>();

/** The names of `id`, made once per id and process (the rules, the renderers and the checks each ask, per tenant). */
export function tenantNames(id: string): ReturnType<typeof namesOf> {
  let names = known.get(id);
  if (!names) known.set(id, (names = Object.freeze(namesOf(id))));
  return names;
}

function namesOf(id: string) {
  const sql = MYSQL.name(id);
  const mongo = MONGODB.name(id);
  const searchIndexPrefix = `${sql}_`;
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
    mysqlDatabase: sql,
    mysqlUser: sql,
    /** The Grant's database: `_` escaped, or MySQL would read it as a wildcard (`ac_e` would cover `acme`). */
    mysqlGrantDatabase: MYSQL.grantDatabase(sql),
    mongodbDatabase: mongo,
    mongodbUser: mongo,
    /** The tenant's database in a selective restore's namespace pattern. */
    mongodbRestoreNamespace: MONGODB.restoreNamespace(mongo),
    redisUser: id,
    /** The only keys and channels the tenant's Redis user may touch on a shared Redis: the instance prefixes its cache and Celery keys with it. */
    redisKeyPrefix: `${id}:`,
    /** The ACL glob of those keys and channels (':' cannot occur in an id, so no tenant's glob reaches another's keys). */
    redisKeyPattern: REDIS.pattern(`${id}:`),
    /** `acme_` would also start `acme-x`'s indexes (`acme_x_`): fleet invariants refuse such pairs on one cluster. */
    searchIndexPrefix,
    /** The indexes the tenant's Meilisearch key may use. */
    searchIndexPattern: MEILISEARCH.indexPattern(searchIndexPrefix),
    /** Helm release names of dedicated services are `<id>-<service>`. */
    helmRelease: (service: string) => `${id}-${service}`,
  };
}
export type TenantNames = ReturnType<typeof tenantNames>;

/** Service in a tenant namespace that serves the maintenance page while the tenant is in `maintenance`. */
export const MAINTENANCE_SERVICE = { name: "maintenance", port: 8080 } as const;
/** Tutor's in-cluster router: every public host of an active tenant is routed to it. */
export const CADDY_SERVICE = { name: "caddy", port: 80 } as const;

/** Argo CD Application and AppProject names of the platform side. */
export const PLATFORM_PROJECT = "platform";
export const ROOT_APPLICATION = "root";
