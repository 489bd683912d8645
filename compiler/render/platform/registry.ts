// Every shared component the compiler can deploy, in the order their Applications are listed.
import type { ComponentDef } from "./component";
import { certManager } from "./components/cert-manager";
import { echo } from "./components/echo";
import { externalSecrets } from "./components/external-secrets";
import { ingressNginx } from "./components/ingress-nginx";
import { karpenter } from "./components/karpenter";
import { mariadbOperator, mariadbOperatorCrds } from "./components/mariadb-operator";
import { meilisearch } from "./components/meilisearch";
import { metricsServer } from "./components/metrics-server";
import { minio } from "./components/minio";
import { mongodb } from "./components/mongodb";
import { monitoring } from "./components/monitoring";
import { mysql } from "./components/mysql";
import { psmdbOperator } from "./components/psmdb-operator";
import { redis } from "./components/redis";
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
  mariadbOperatorCrds,
  mariadbOperator,
  mysql,
  psmdbOperator,
  mongodb,
  redis,
  meilisearch,
  minio,
];
