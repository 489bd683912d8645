// Where a tenant's backing services answer: the cluster's shared instances, or its own dedicated ones.
import type { ResolvedTenant } from "./resolve";

/** `namespace` is set when the service runs in the cluster (network policies select it); unset when external. */
export interface Endpoints {
  mysql: { host: string; port: number; namespace?: string };
  mongodb: { host: string; port: number; authSource: string; replicaSet: string; useSsl: boolean; namespace?: string };
  redis: { host: string; port: number; namespace?: string };
  search: { url: string; publicUrl: string; port: number; namespace?: string };
}

const svc = (name: string, namespace: string) => `${name}.${namespace}.svc.cluster.local`;

/**
 * Shared services live in their platform namespaces; dedicated ones in the tenant's namespace under
 * their Helm release name. The platform layer may point shared services at external endpoints.
 */
export function endpointsOf(t: ResolvedTenant): Endpoints {
  const ns = t.names.namespace;
  const dedicated = (service: string) => svc(t.names.helmRelease(service), ns);
  const searchHost = t.cluster.spec.hosts["search"];
  return {
    mysql: { host: t.services.mysql === "shared" ? svc("mysql", "mysql") : dedicated("mysql"), port: 3306, namespace: t.services.mysql === "shared" ? "mysql" : ns },
    mongodb: {
      host: t.services.mongodb === "shared" ? svc("mongodb", "mongodb") : dedicated("mongodb"),
      port: 27017,
      authSource: t.names.mongodbDatabase,
      replicaSet: "",
      useSsl: false,
      namespace: t.services.mongodb === "shared" ? "mongodb" : ns,
    },
    redis: { host: t.services.redis === "shared" ? svc("redis", "redis") : dedicated("redis"), port: 6379, namespace: t.services.redis === "shared" ? "redis" : ns },
    search:
      t.services.search === "shared"
        ? { url: `http://${svc("meilisearch", "meilisearch")}:7700`, publicUrl: searchHost ? `https://${searchHost}` : `https://search.${t.hosts.lms}`, port: 7700, namespace: "meilisearch" }
        : { url: `http://${dedicated("meilisearch")}:7700`, publicUrl: `https://search.${t.hosts.lms}`, port: 7700, namespace: ns },
  };
}
