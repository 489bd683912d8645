// Ids a tenant may not take. The id is the tenant's namespace, Argo CD Application and AppProject, and the
// root of its names in every shared service, so an id is refused when any of those is already someone's:
// a namespace of Kubernetes, of a distribution or a common add-on (by pattern), of the platform's own
// components (from the component registry), or of the platform's own list (`reservedNamespaces`); an Argo CD
// name of the platform side; a system database, account or user of a shared service.
import type { ResolvedComponents } from "../model/components";
import { CREDENTIALS_NAMESPACE } from "../model/credentials";
import { SHARED_SERVICES } from "../model/data-services";
import { MONGODB, MYSQL, REDIS } from "../model/downstream-names";
import { PLATFORM_PROJECT, ROOT_APPLICATION, tenantNames } from "../model/names";
import { COMPONENTS } from "../render/platform/registry";
import type { Platform } from "../schema/platform";

/** A namespace pattern: an exact name, or a prefix followed by `*`. */
export type NamespacePattern = string;

/** Namespaces that clusters, distributions and common add-ons create or install into, by family. */
export const SYSTEM_NAMESPACES: readonly (readonly [NamespacePattern, string])[] = [
  ["default", "Kubernetes"],
  ["kube-*", "Kubernetes"],
  ["openshift*", "OpenShift"],
  ["okd-*", "OKD"],
  ["cattle-*", "Rancher"],
  ["fleet-system", "Rancher Fleet"],
  ["fleet-default", "Rancher Fleet"],
  ["fleet-local", "Rancher Fleet"],
  ["rancher-*", "Rancher"],
  ["local-path-storage", "kind / k3s local-path-provisioner"],
  ["local", "Rancher's local cluster"],
  ["gke-*", "GKE"],
  ["gmp-*", "GKE managed Prometheus"],
  ["config-management-*", "GKE Config Sync"],
  ["amazon-*", "EKS add-ons"],
  ["aws-*", "EKS add-ons"],
  ["aks-*", "AKS"],
  ["azure-*", "AKS"],
  ["calico-*", "Calico"],
  ["tigera-*", "Calico (Tigera operator)"],
  ["cilium*", "Cilium"],
  ["istio*", "Istio"],
  ["linkerd*", "Linkerd"],
  ["kuma-*", "Kuma"],
  ["consul", "Consul"],
  ["gatekeeper-*", "OPA Gatekeeper"],
  ["kyverno*", "Kyverno"],
  ["longhorn-*", "Longhorn"],
  ["rook-*", "Rook"],
  ["openebs", "OpenEBS"],
  ["metallb-*", "MetalLB"],
  ["flux-*", "Flux"],
  ["argocd*", "Argo CD"],
  ["argo", "Argo Workflows"],
  ["argo-rollouts", "Argo Rollouts"],
  ["argo-events", "Argo Events"],
  ["velero*", "Velero"],
  ["monitoring", "monitoring stacks"],
  ["prometheus*", "Prometheus"],
  ["grafana*", "Grafana"],
  ["logging", "logging stacks"],
  ["cert-manager*", "cert-manager"],
  ["ingress-*", "ingress controllers"],
  ["nginx-ingress", "NGINX Ingress Controller"],
  ["traefik*", "Traefik"],
  ["haproxy-*", "HAProxy Ingress"],
  ["projectcontour", "Contour"],
  ["envoy-gateway-system", "Envoy Gateway"],
  ["karpenter*", "Karpenter"],
  ["cluster-autoscaler", "Cluster Autoscaler"],
  ["keda", "KEDA"],
  ["external-secrets*", "External Secrets"],
  ["external-dns", "ExternalDNS"],
  ["sealed-secrets", "Sealed Secrets"],
  ["vault*", "Vault"],
  ["knative-*", "Knative"],
  ["tekton-*", "Tekton"],
  ["crossplane-*", "Crossplane"],
  ["capi-*", "Cluster API"],
  ["olm", "Operator Lifecycle Manager"],
  ["operators", "Operator Lifecycle Manager"],
  ["kubernetes-dashboard", "Kubernetes Dashboard"],
  ["metrics-server", "metrics-server"],
  ["gpu-operator", "NVIDIA GPU Operator"],
  ["node-feature-discovery", "Node Feature Discovery"],
  ["kubevirt", "KubeVirt"],
  ["cnpg-system", "CloudNativePG"],
];

export function matchesNamespace(pattern: NamespacePattern, name: string): boolean {
  return pattern.endsWith("*") ? name.startsWith(pattern.slice(0, -1)) : name === pattern;
}

/** Names of the platform side a tenant's objects would meet: Argo CD's project, root and `platform-<app>--<cluster>`, and the shared MySQL's. */
const ARGOCD_NAMES: readonly (readonly [NamespacePattern, string])[] = [
  [PLATFORM_PROJECT, "the platform's Argo CD project"],
  [ROOT_APPLICATION, "the platform's root Argo CD Application"],
  ["platform-*", "the platform's Argo CD Applications"],
  // the tenants' Database, User and Grant objects are named by id beside mariadb-operator's own `<MariaDB>-<suffix>` ones
  [`${SHARED_SERVICES.mysql.name}-*`, "mariadb-operator's own objects in the shared MySQL's namespace (e.g. its `-metrics` User and Grant)"],
];

const patternCache = new WeakMap<Platform, (readonly [NamespacePattern, string])[]>();

/** Every reserved pattern with its reason, once per platform: a fleet asks for each of its tenants. */
function patternsOf(platform: Platform): (readonly [NamespacePattern, string])[] {
  let patterns = patternCache.get(platform);
  if (!patterns) {
    patterns = [
      [platform.argocd.namespace, "Argo CD's namespace"],
      ...COMPONENTS.map((c) => [c.namespace, `the namespace of the platform component ${c.app}`] as const),
      [CREDENTIALS_NAMESPACE, "the namespace of the credentials the operator creates for tenants (docs/operator/credentials.md)"],
      ...(platform.reservedNamespaces ?? []).map((p) => [p, "reserved by the platform (`reservedNamespaces` in platform/platform.ts)"] as const),
      ...SYSTEM_NAMESPACES.map(([p, who]) => [p, `a namespace of ${who}`] as const),
      ...ARGOCD_NAMES,
    ];
    patternCache.set(platform, patterns);
  }
  return patterns;
}

const matchers = new WeakMap<Platform, (id: string) => readonly [NamespacePattern, string] | undefined>();

/** The first reserved pattern an id matches: exact names in one map, prefixes tried in order (a fleet asks for each tenant). */
function matcherOf(platform: Platform): (id: string) => readonly [NamespacePattern, string] | undefined {
  let match = matchers.get(platform);
  if (!match) {
    const patterns = patternsOf(platform).map((entry, order) => ({ entry, order, prefix: entry[0].endsWith("*") ? entry[0].slice(0, -1) : undefined }));
    const exact = new Map<string, (typeof patterns)[number]>();
    for (const p of patterns) if (p.prefix === undefined && !exact.has(p.entry[0])) exact.set(p.entry[0], p);
    // prefixes by their first character (the schema allows no bare `*`), each list in pattern order
    const prefixes = new Map<string, typeof patterns>();
    for (const p of patterns) if (p.prefix) prefixes.set(p.prefix[0]!, [...(prefixes.get(p.prefix[0]!) ?? []), p]);
    // the same answer as patternsOf(platform).find(...): the earliest pattern that matches
    match = (id) => {
      const named = exact.get(id);
      const prefixed = (prefixes.get(id[0] ?? "") ?? []).find((p) => id.startsWith(p.prefix!) && (named === undefined || p.order < named.order));
      return (prefixed ?? named)?.entry;
    };
    matchers.set(platform, match);
  }
  return match;
}

/** Why `id` is reserved, or undefined; `components` are those of the tenant's cluster (managed services' admin accounts). */
export function reservedReason(id: string, platform: Platform, components?: ResolvedComponents): string | undefined {
  const hit = matcherOf(platform)(id);
  if (hit) return hit[0].endsWith("*") ? `ids starting with "${hit[0].slice(0, -1)}" are reserved: ${hit[1]}` : `"${id}" is reserved: ${hit[1]}`;
  const n = tenantNames(id);
  if (MYSQL.reserved.has(MYSQL.normalise(n.mysqlDatabase))) return `"${id}" is reserved: its MySQL name "${n.mysqlDatabase}" is a system schema or account`;
  if (MONGODB.reserved.has(MONGODB.normalise(n.mongodbDatabase))) return `"${id}" is reserved: its MongoDB database "${n.mongodbDatabase}" is a system database`;
  if (REDIS.reserved.has(n.redisUser)) return `"${id}" is reserved: "${n.redisUser}" is a user of the shared Redis`;
  // a managed server's admin account: the tenant's User would take it over (its password set to the tenant's)
  const mysqlAdmin = components?.mysql.external?.adminUser;
  if (mysqlAdmin !== undefined && MYSQL.normalise(mysqlAdmin) === MYSQL.normalise(n.mysqlUser)) return `"${id}" is reserved: its MySQL user "${n.mysqlUser}" is the managed MySQL's admin user`;
  if (components?.redis.external?.adminUser === n.redisUser) return `"${id}" is reserved: "${n.redisUser}" is the managed Redis's admin user`;
  return undefined;
}
