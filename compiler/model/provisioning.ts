// Which of a tenant's backing services the platform provisions for it (database, user, ACL entry, search key),
// decided once from the tenant's choices and the cluster's components.
import { DATA_SERVICES, type DataService } from "./data-services";
import type { ResolvedTenant } from "./resolve";

const known = new WeakMap<ResolvedTenant, Readonly<Record<DataService, boolean>>>();

/**
 * A shared service provisions the tenant when the tenant uses it, the component is on, and the platform can
 * act on it: in-cluster always; an external MySQL or MongoDB only with an admin Secret; an external Redis never
 * (managed Redis services have their own user APIs). Worked out once per tenant (frozen): each of its data
 * renderers asks.
 */
export function provisionedBy(t: ResolvedTenant): Readonly<Record<DataService, boolean>> {
  let p = known.get(t);
  if (!p) known.set(t, (p = Object.freeze(decide(t))));
  return p;
}

function decide(t: ResolvedTenant): Record<DataService, boolean> {
  const c = t.cluster.components;
  const shared = (s: DataService) => t.services[s] === "shared" && c[s].enabled;
  return {
    mysql: shared("mysql") && (!c.mysql.external || !!c.mysql.external.adminSecret),
    mongodb: shared("mongodb") && (!c.mongodb.external || !!c.mongodb.external.adminSecret),
    redis: shared("redis") && !c.redis.external,
    search: shared("search"),
  };
}

/** Services the tenant runs on its own, in its namespace. */
export function dedicatedServices(t: ResolvedTenant): DataService[] {
  return DATA_SERVICES.filter((s) => t.services[s] === "dedicated");
}
