// What a tenant's Argo CD project may not deploy, even inside its own namespace. Cluster-scoped kinds are
// refused wholesale (empty clusterResourceWhitelist); these namespaced kinds belong to the platform side.
import { PLATFORM_ONLY_DATA_KINDS } from "../../model/data-services";

export interface KindPattern {
  group: string;
  kind: string;
}

/** Namespaced kinds denied to tenant projects, with the reason each is the platform's. */
export const TENANT_DENIED_KINDS: readonly (KindPattern & { why: string })[] = [
  { group: "", kind: "ResourceQuota", why: "the tenant's share of the cluster" },
  { group: "", kind: "LimitRange", why: "defaults that keep pods inside the quota" },
  { group: "networking.k8s.io", kind: "*", why: "NetworkPolicy isolates tenants; Ingress would let one claim another's host" },
  { group: "gateway.networking.k8s.io", kind: "*", why: "routes would let one tenant claim another's host" },
  { group: "traefik.io", kind: "*", why: "IngressRoutes and Middlewares route public hosts" },
  { group: "cert-manager.io", kind: "*", why: "certificates for hosts are issued for the platform's Ingress only" },
  { group: "rbac.authorization.k8s.io", kind: "*", why: "Open edX needs no API rights; a RoleBinding would grant them" },
  { group: "argoproj.io", kind: "*", why: "Applications and projects are the platform's" },
  { group: "external-secrets.io", kind: "SecretStore", why: "a store would reach the platform's secret backend" },
  { group: "external-secrets.io", kind: "PushSecret", why: "would copy secrets out of the cluster" },
  { group: "external-secrets.io", kind: "ExternalSecret", why: "the platform's credentials store admits every tenant namespace: the compiler alone says which key each copies" },
  ...PLATFORM_ONLY_DATA_KINDS.map((k) => ({ ...k, why: "an operator object could point at the shared server (a Grant on *.*)" })),
  { group: "mongodbcommunity.mongodb.com", kind: "*", why: "MongoDB provisioning is the platform's" },
  { group: "velero.io", kind: "*", why: "backups and restores are the platform's" },
];

// one frozen list for every tenant's project: written as it is and never changed, so what it denies can be
// remembered (fleet/project-permits.ts) instead of matched again for each tenant
const BLACKLIST: readonly KindPattern[] = Object.freeze(TENANT_DENIED_KINDS.map(({ group, kind }) => Object.freeze({ group, kind })));
export const namespaceResourceBlacklist = (): readonly KindPattern[] => BLACKLIST;
