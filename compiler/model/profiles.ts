// Provider profiles: the defaults each kind of cluster starts from, before platform/platform.ts overrides them.
import type { ComponentName, Components } from "../schema/components";
import type { PROVIDERS } from "../schema/platform";

export type Provider = (typeof PROVIDERS)[number];

export interface Profile {
  /** StorageClass for volumes of shared components; the cluster's default class when undefined. */
  storageClass?: string;
  /** How the shared ingress controller is exposed: one cloud load balancer, or node ports on a laptop cluster. */
  exposure: { type: "LoadBalancer" | "NodePort"; annotations: Record<string, string>; nodePorts?: { http: number; https: number } };
  /** Replicas of shared controllers (ingress, cert-manager, ...): two survive a node drain; one on a laptop. */
  replicas: number;
  /** Which components are on when the platform says nothing. */
  enabled: Record<ComponentName, boolean>;
  /** Component settings the profile implies (e.g. no Let's Encrypt on a local cluster). */
  defaults: Components;
}

const ALL_ON: Record<ComponentName, boolean> = {
  ingress: true,
  certManager: true,
  metricsServer: true,
  vpa: true,
  externalSecrets: true,
  monitoring: true,
  backups: true,
  karpenter: false,
  echo: true,
  // a single-volume MinIO suits a laptop; clusters in a cloud use its object store
  minio: false,
  search: true,
  mysql: true,
  mongodb: true,
  redis: true,
};

export const PROFILES: Record<Provider, Profile> = {
  aws: {
    storageClass: "gp3",
    exposure: {
      type: "LoadBalancer",
      annotations: {
        "service.beta.kubernetes.io/aws-load-balancer-type": "external",
        "service.beta.kubernetes.io/aws-load-balancer-nlb-target-type": "ip",
        "service.beta.kubernetes.io/aws-load-balancer-scheme": "internet-facing",
      },
    },
    replicas: 2,
    enabled: { ...ALL_ON, karpenter: true },
    defaults: {},
  },
  digitalocean: {
    storageClass: "do-block-storage",
    exposure: { type: "LoadBalancer", annotations: { "service.beta.kubernetes.io/do-loadbalancer-name": "openedx-fleet" } },
    replicas: 2,
    enabled: ALL_ON,
    defaults: {},
  },
  // kind or minikube: no public DNS, so no Let's Encrypt but a self-signed CA; no object storage for backups;
  // the ingress controller listens on fixed node ports (map 30080/30443 to the host in kind)
  local: {
    storageClass: "standard",
    exposure: { type: "NodePort", annotations: {}, nodePorts: { http: 30080, https: 30443 } },
    replicas: 1,
    enabled: { ...ALL_ON, backups: false, vpa: false, minio: true },
    defaults: { certManager: { issuer: "selfsigned" } },
  },
  generic: {
    exposure: { type: "LoadBalancer", annotations: {} },
    replicas: 2,
    enabled: ALL_ON,
    defaults: {},
  },
};
