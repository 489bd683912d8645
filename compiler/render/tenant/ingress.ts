// The tenant's public entry: one Ingress with a rule per host, routed by state — to Tutor's Caddy when
// active, to the maintenance page in maintenance, and nothing at all when archived.
import type { V1HTTPIngressRuleValue, V1Ingress } from "@kubernetes/client-node";
import { ingressOf } from "../../model/ingress";
import { CADDY_SERVICE, MAINTENANCE_SERVICE } from "../../model/names";
import { allHosts, type ResolvedTenant } from "../../model/resolve";
import type { Platform } from "../../schema/platform";
import { SYNC_WAVE } from "../argocd";
import { deepFreeze, tenantLabels, type KubeObject } from "../objects";
import { memoByOwner } from "../../memo";

const INGRESS_NAME = "openedx";
/** One certificate per tenant, covering all its hosts (cert-manager makes it from the annotation below). */
export const TLS_SECRET = "openedx-tls";
const CLUSTER_ISSUER_ANNOTATION = "cert-manager.io/cluster-issuer";

/** The Service that receives the public traffic of a tenant in this state; none when archived. */
export function publicBackend(t: Pick<ResolvedTenant, "state">): { name: string; port: number } | undefined {
  if (t.state === "active") return CADDY_SERVICE;
  if (t.state === "maintenance") return MAINTENANCE_SERVICE;
  return undefined;
}

// each host's routing to a backend, and each cluster's annotations, the same for every tenant: made once
const routes = new Map<string, V1HTTPIngressRuleValue>();
function routeTo(backend: { name: string; port: number }): V1HTTPIngressRuleValue {
  const key = `${backend.name}:${backend.port}`;
  let http = routes.get(key);
  if (!http) routes.set(key, (http = deepFreeze<V1HTTPIngressRuleValue>({ paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: backend.name, port: { number: backend.port } } } }] })));
  return http;
}
const annotationsOf = memoByOwner<Platform, Record<string, string>>();
function ingressAnnotations(platform: Platform, cluster: string, contract: ReturnType<typeof ingressOf>): Record<string, string> {
  return annotationsOf(platform, cluster, () => deepFreeze({ ...contract.annotations, [CLUSTER_ISSUER_ANNOTATION]: contract.clusterIssuer, [SYNC_WAVE]: "1" }));
}

/*
 * One Ingress, not one per host: cert-manager's ingress-shim makes one Certificate per Ingress and TLS
 * secret, so several Ingresses sharing the tenant's secret would fight over it. One certificate per
 * tenant also keeps a fleet of thousands well inside Let's Encrypt's per-domain rate limits.
 */
export function tenantIngress(t: ResolvedTenant, platform: Platform): KubeObject[] {
  const backend = publicBackend(t);
  if (!backend) return [];
  const contract = ingressOf(platform, t.cluster.name);
  // the MFE host is routed (and certified) only for a tenant that runs the mfe plugin; it stays the tenant's either way
  const hosts = allHosts(t).filter((h) => h !== t.hosts.mfe || t.plugins.includes("mfe"));
  const ingress: V1Ingress & KubeObject = {
    apiVersion: "networking.k8s.io/v1",
    kind: "Ingress",
    metadata: {
      name: INGRESS_NAME,
      namespace: t.names.namespace,
      labels: tenantLabels(t, platform.fleet),
      // a later wave than the rest of the base app: hosts switch to the maintenance page only once it is healthy
      annotations: ingressAnnotations(platform, t.cluster.name, contract),
    },
    spec: {
      ingressClassName: contract.className,
      tls: [{ hosts, secretName: TLS_SECRET }],
      rules: hosts.map((host) => ({ host, http: routeTo(backend) })),
    },
  };
  return [ingress];
}
