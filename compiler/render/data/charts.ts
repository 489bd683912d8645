// Upstream charts of the data services, pinned by exact version: shared instances and tenants' dedicated ones
// come from the same, tested pins.
import type { Chart } from "../platform/component";

export const CHARTS = {
  // mariadb-operator: declarative Database/User/Grant/Backup CRs, also against external MariaDB/MySQL (ExternalMariaDB)
  mariadbOperator: { repoURL: "https://helm.mariadb.com/mariadb-operator", chart: "mariadb-operator", version: "26.6.0" },
  mariadbCluster: { repoURL: "https://helm.mariadb.com/mariadb-operator", chart: "mariadb-cluster", version: "26.6.0" },
  // Percona Operator for MongoDB: replica sets with PBM backups to S3 and selective (per-database) restores
  psmdbOperator: { repoURL: "https://percona.github.io/percona-helm-charts/", chart: "psmdb-operator", version: "1.23.0" },
  psmdbDb: { repoURL: "https://percona.github.io/percona-helm-charts/", chart: "psmdb-db", version: "1.23.0" },
  // Valkey's own chart (BSD Valkey 9.1): ACL users, no Bitnami images
  valkey: { repoURL: "https://valkey.io/valkey-helm/", chart: "valkey", version: "0.11.0" },
  meilisearch: { repoURL: "https://meilisearch.github.io/meilisearch-kubernetes", chart: "meilisearch", version: "0.34.0" },
} as const satisfies Record<string, Chart>;

/** PSMDB custom resources declare the operator version they were written for. */
export const PSMDB_CR_VERSION = CHARTS.psmdbOperator.version;
/** The backup agent of the pinned operator. */
export const PBM_IMAGE = "docker.io/percona/percona-backup-mongodb:2.12.0";
