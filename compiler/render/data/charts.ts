// Upstream charts of the data services, pinned by exact version: shared instances and tenants' dedicated ones
// come from the same, tested pins. Each pin is one of the published versions recorded, with the source read,
// in render/platform/published-charts.ts.
import type { Chart } from "../platform/component";

export const CHARTS = {
  // mariadb-operator: declarative Database/User/Grant/Backup CRs, also against external MariaDB/MySQL (ExternalMariaDB)
  // pins: gh-pages index.yaml of github.com/mariadb-operator/mariadb-operator (26.6.0 newest)
  mariadbOperator: { repoURL: "https://helm.mariadb.com/mariadb-operator", chart: "mariadb-operator", version: "26.6.0" },
  mariadbCluster: { repoURL: "https://helm.mariadb.com/mariadb-operator", chart: "mariadb-cluster", version: "26.6.0" },
  // The CRDs as their own chart, so their Application can refuse to prune or delete them (mariadb-operator.ts)
  mariadbOperatorCrds: { repoURL: "https://helm.mariadb.com/mariadb-operator", chart: "mariadb-operator-crds", version: "26.6.0" },
  // Percona Operator for MongoDB: replica sets with PBM backups to S3 and selective (per-database) restores
  // pins: gh-pages index.yaml of github.com/percona/percona-helm-charts: psmdb-operator 1.22.0 and psmdb-db 1.22.2
  // are the newest published (1.23.0 is only the operator's unreleased main); both deploy operator 1.22.0
  psmdbOperator: { repoURL: "https://percona.github.io/percona-helm-charts/", chart: "psmdb-operator", version: "1.22.0" },
  psmdbDb: { repoURL: "https://percona.github.io/percona-helm-charts/", chart: "psmdb-db", version: "1.22.2" },
  // Valkey's own chart (BSD Valkey 9.1): ACL users, no Bitnami images
  // pin: gh-pages index.yaml of github.com/valkey-io/valkey-helm (0.11.0 newest)
  valkey: { repoURL: "https://valkey.io/valkey-helm/", chart: "valkey", version: "0.11.0" },
  // pin: gh-pages index.yaml of github.com/meilisearch/meilisearch-kubernetes (0.34.0 newest)
  meilisearch: { repoURL: "https://meilisearch.github.io/meilisearch-kubernetes", chart: "meilisearch", version: "0.34.0" },
} as const satisfies Record<string, Chart>;

/** PSMDB custom resources declare the operator version they were written for (checked against its 1.22.0 CRD). */
export const PSMDB_CR_VERSION = CHARTS.psmdbOperator.version;
/** The backup agent of the pinned operator (deploy/cr.yaml of operator v1.22.0 names 2.12.0). */
export const PBM_IMAGE = "docker.io/percona/percona-backup-mongodb:2.12.0";
