// How tenants are reached from outside: the ingress class, the certificate issuer and the ingress
// controller's pods. The platform's ingress and TLS components decide these; tenant renderers (Ingress
// objects, network policies) ask here, so they agree with the platform on one cluster.
import type { Platform } from "../schema/platform";
import { clusterSetup } from "./components";

export interface IngressContract {
  /** IngressClass every tenant Ingress uses. */
  className: string;
  /** cert-manager ClusterIssuer that signs tenant certificates (`cert-manager.io/cluster-issuer`). */
  clusterIssuer: string;
  /** Where the ingress controller's pods run: network policies admit traffic from exactly these. */
  controller: { namespace: string; podLabels: Record<string, string> };
  /** Annotations every tenant Ingress carries for this controller. */
  annotations: Record<string, string>;
}

/**
 * Tutor's Caddy takes request bodies up to 250MB on Studio (course imports) and 4MB on the LMS: ingress-nginx's
 * own 1m default would refuse imports first. Harmony sets 100m; 250m leaves Caddy the last word.
 */
export const DEFAULT_MAX_BODY_SIZE = "250m";

const CONTROLLERS = {
  traefik: { className: "traefik", controller: { namespace: "traefik", podLabels: { "app.kubernetes.io/name": "traefik" } } },
  "ingress-nginx": {
    className: "nginx",
    controller: { namespace: "ingress-nginx", podLabels: { "app.kubernetes.io/name": "ingress-nginx", "app.kubernetes.io/component": "controller" } },
  },
} as const;

/** ClusterIssuer names of the issuers the cert-manager component creates. */
export const ISSUERS = { letsencrypt: "letsencrypt-production", "letsencrypt-staging": "letsencrypt-staging", selfsigned: "fleet-selfsigned-ca" } as const;

/** The issuer when `components.certManager.issuer` says nothing (the local profile implies `selfsigned`). */
export const DEFAULT_ISSUER = "letsencrypt";

/** The ingress of one cluster, from its resolved ingress and cert-manager settings. */
export function ingressOf(platform: Platform, cluster: string): IngressContract {
  const { ingress, certManager } = clusterSetup(platform, cluster).components;
  const chosen = CONTROLLERS[ingress.controller ?? "traefik"];
  const issuer = certManager.issuer ?? DEFAULT_ISSUER;
  const clusterIssuer = typeof issuer === "string" ? ISSUERS[issuer] : issuer.name;
  // Traefik sets no body limit (no buffering middleware), so only ingress-nginx needs one
  const annotations: Record<string, string> =
    ingress.controller === "ingress-nginx" ? { "nginx.ingress.kubernetes.io/proxy-body-size": ingress.maxBodySize ?? DEFAULT_MAX_BODY_SIZE } : {};
  return { className: chosen.className, clusterIssuer, controller: { namespace: chosen.controller.namespace, podLabels: { ...chosen.controller.podLabels } }, annotations };
}
