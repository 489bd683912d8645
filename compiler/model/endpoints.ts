// Where a tenant's backing services answer: the cluster's shared instances (in-cluster or external managed
// endpoints set in platform/), or its own dedicated ones.
import { SHARED_SERVICES as S } from "./data-services";
import type { ResolvedTenant } from "./resolve";

/** `namespace` is set when the service runs in the cluster (network policies select it); unset when external. */
export interface Endpoints {
  mysql: { host: string; port: number; namespace?: string };
  mongodb: { host: string; port: number; authSource: string; replicaSet: string; useSsl: boolean; namespace?: string };
  redis: { host: string; port: number; namespace?: string };
  search: { url: string; publicUrl: string; port: number; namespace?: string };
}

const svc = (name: string, namespace: string) => `${name}.${namespace}.svc.cluster.local`;
// the shared services' addresses, the same for every tenant: made once (not a new string per tenant to flatten)
const SHARED_HOST = {
  mysql: svc(S.mysql.name, S.mysql.namespace),
  redis: svc(S.redis.name, S.redis.namespace),
  mongodb: svc(`${S.mongodb.name}-${S.mongodb.replicaSet}`, S.mongodb.namespace),
};
const SHARED_SEARCH_URL = `http://${svc(S.search.name, S.search.namespace)}:${S.search.port}`;

const known = new WeakMap<ResolvedTenant, Endpoints>();

/**
 * The tenant's endpoints, worked out once per tenant (its config, its policies, its Jobs and a fleet rule ask).
 * Shared services live in their platform namespaces (or outside the cluster when `components.<x>.external`
 * is set); dedicated ones in the tenant's namespace under their Helm release name.
 */
export function endpointsOf(t: ResolvedTenant): Endpoints {
  let e = known.get(t);
  if (!e) {
    // frozen: shared by every asker, so a change would fail loudly rather than reach the others
    const resolved = resolveEndpoints(t);
    for (const service of Object.values(resolved)) Object.freeze(service);
    known.set(t, (e = Object.freeze(resolved)));
  }
  return e;
}

function resolveEndpoints(t: ResolvedTenant): Endpoints {
  const ns = t.names.namespace;
  const c = t.cluster.components;
  const dedicated = (service: string) => svc(t.names.helmRelease(service), ns);
  const searchHost = t.cluster.spec.hosts["search"];
  // MySQL and Redis: dedicated in the tenant namespace, external managed, or the cluster's shared instance
  const hostPort = (service: "mysql" | "redis") =>
    t.services[service] === "dedicated"
      ? { host: dedicated(service), port: S[service].port, namespace: ns }
      : c[service].external
        ? { host: c[service].external.host, port: c[service].external.port }
        : { host: SHARED_HOST[service], port: S[service].port, namespace: S[service].namespace };
  return {
    mysql: hostPort("mysql"),
    mongodb:
      t.services.mongodb === "dedicated"
        ? { host: dedicated(`mongodb-${S.mongodb.replicaSet}`), port: S.mongodb.port, authSource: t.names.mongodbDatabase, replicaSet: S.mongodb.replicaSet, useSsl: false, namespace: ns }
        : c.mongodb.external
          ? { host: c.mongodb.external.host, port: c.mongodb.external.port, authSource: t.names.mongodbDatabase, replicaSet: c.mongodb.external.replicaSet ?? "", useSsl: c.mongodb.external.useSsl }
          : { host: SHARED_HOST.mongodb, port: S.mongodb.port, authSource: t.names.mongodbDatabase, replicaSet: S.mongodb.replicaSet, useSsl: false, namespace: S.mongodb.namespace },
    redis: hostPort("redis"),
    search:
      t.services.search === "shared"
        ? { url: SHARED_SEARCH_URL, publicUrl: searchHost ? `https://${searchHost}` : `https://search.${t.hosts.lms}`, port: S.search.port, namespace: S.search.namespace }
        : { url: `http://${dedicated("meilisearch")}:${S.search.port}`, publicUrl: `https://search.${t.hosts.lms}`, port: S.search.port, namespace: ns },
  };
}
