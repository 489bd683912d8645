// Every shared component the compiler can deploy, in the order their Applications are listed.
import type { ComponentDef } from "./component";
import { certManager } from "./components/cert-manager";
import { echo } from "./components/echo";
import { externalSecrets } from "./components/external-secrets";
import { ingressNginx } from "./components/ingress-nginx";
import { karpenter } from "./components/karpenter";
import { metricsServer } from "./components/metrics-server";
import { monitoring } from "./components/monitoring";
import { traefik } from "./components/traefik";
import { velero } from "./components/velero";
import { vpa } from "./components/vpa";

export const COMPONENTS: readonly ComponentDef[] = [
  traefik,
  ingressNginx,
  certManager,
  externalSecrets,
  metricsServer,
  vpa,
  monitoring,
  velero,
  karpenter,
  echo,
];
