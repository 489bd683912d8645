// Namespaces the platform side owns on a cluster: no tenant may take one of them.
import type { Platform } from "../schema/platform";

/** Namespaces of shared components; the platform layer extends this as components are added. */
const COMPONENT_NAMESPACES = [
  "cert-manager",
  "echo",
  "external-secrets",
  "ingress-nginx",
  "karpenter",
  "mariadb-operator",
  "meilisearch",
  "metrics-server",
  "mongodb",
  "monitoring",
  "mysql",
  "psmdb-operator",
  "redis",
  "traefik",
  "velero",
  "vpa",
];

export function platformNamespaces(platform: Platform): string[] {
  return [...new Set([platform.argocd.namespace, "kube-system", "kube-public", "kube-node-lease", "default", ...COMPONENT_NAMESPACES])].sort();
}
