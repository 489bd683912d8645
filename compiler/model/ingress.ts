// How tenants are reached from outside: the ingress class, the certificate issuer and the ingress
// controller's pods. The platform's ingress and TLS components decide these; tenant renderers (Ingress
// objects, network policies) ask here, so they agree with the platform on one cluster.
import type { Platform } from "../schema/platform";

export interface IngressContract {
  /** IngressClass every tenant Ingress uses. */
  className: string;
  /** cert-manager ClusterIssuer that signs tenant certificates (`cert-manager.io/cluster-issuer`). */
  clusterIssuer: string;
  /** Where the ingress controller's pods run: network policies admit traffic from exactly these. */
  controller: { namespace: string; podLabels: Record<string, string> };
}

/** The ingress of one cluster. Defaults until the platform components are configurable: Traefik and Let's Encrypt. */
export function ingressOf(_platform: Platform, _cluster: string): IngressContract {
  return {
    className: "traefik",
    clusterIssuer: "letsencrypt-production",
    controller: { namespace: "traefik", podLabels: { "app.kubernetes.io/name": "traefik" } },
  };
}
