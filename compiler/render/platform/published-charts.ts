// Chart versions seen published upstream, per chart: every pin of a component or data service must be one
// of them (test/platform/chart-pins.test.ts), so Argo CD never meets a version it cannot fetch. Keep it
// current when re-pinning: add the versions you read in the named source, with the date you read it.
// `source` is where the list was read: the chart repository's index.yaml (its gh-pages branch), or for
// charts published elsewhere (OCI, a registry with no index in git) the release tags of the chart's repo.

export interface PublishedChart {
  repoURL: string;
  chart: string;
  source: string;
  checked: string;
  /** The newest releases at `checked`, oldest first (pre-releases left out). */
  versions: readonly string[];
}

const INDEX = (repo: string) => `github.com/${repo}, branch gh-pages, index.yaml`;
const CHECKED = "2026-12-05";

export const PUBLISHED_CHARTS: readonly PublishedChart[] = [
  { repoURL: "https://traefik.github.io/charts", chart: "traefik", source: "github.com/traefik/traefik-helm-chart, release tags v*", checked: CHECKED, versions: ["41.0.1", "41.0.2", "41.1.0", "41.1.1", "41.2.0", "41.3.0"] },
  { repoURL: "https://kubernetes.github.io/ingress-nginx", chart: "ingress-nginx", source: INDEX("kubernetes/ingress-nginx"), checked: CHECKED, versions: ["4.14.2", "4.14.3", "4.14.4", "4.14.5", "4.15.0", "4.15.1"] },
  { repoURL: "https://charts.jetstack.io", chart: "cert-manager", source: "github.com/cert-manager/cert-manager, release tags", checked: CHECKED, versions: ["v1.20.0", "v1.20.1", "v1.20.2", "v1.20.3", "v1.21.0", "v1.21.1"] },
  { repoURL: "https://charts.external-secrets.io", chart: "external-secrets", source: INDEX("external-secrets/external-secrets"), checked: CHECKED, versions: ["2.4.1", "2.5.0", "2.6.0", "2.7.0", "2.8.0", "2.9.0"] },
  { repoURL: "https://kubernetes-sigs.github.io/metrics-server/", chart: "metrics-server", source: INDEX("kubernetes-sigs/metrics-server"), checked: CHECKED, versions: ["3.11.0", "3.12.0", "3.12.1", "3.12.2", "3.13.0", "3.13.1"] },
  { repoURL: "https://cowboysysop.github.io/charts/", chart: "vertical-pod-autoscaler", source: INDEX("cowboysysop/charts"), checked: CHECKED, versions: ["10.2.0", "10.2.1", "11.0.0", "11.0.1", "11.1.0", "11.1.1"] },
  {
    repoURL: "https://prometheus-community.github.io/helm-charts",
    chart: "kube-prometheus-stack",
    source: "github.com/prometheus-community/helm-charts, release tags kube-prometheus-stack-*",
    checked: CHECKED,
    versions: ["88.3.0", "88.4.0", "88.5.0", "88.5.1", "88.5.2", "88.5.3"],
  },
  { repoURL: "https://vmware-tanzu.github.io/helm-charts", chart: "velero", source: INDEX("vmware-tanzu/helm-charts"), checked: CHECKED, versions: ["11.4.0", "12.0.0", "12.0.1", "12.0.2", "12.0.3", "12.1.0"] },
  // OCI: the chart is published with each release; charts/karpenter/Chart.yaml on main says 1.14.1
  { repoURL: "public.ecr.aws/karpenter", chart: "karpenter", source: "github.com/aws/karpenter-provider-aws, release tags v*", checked: CHECKED, versions: ["1.12.1", "1.12.2", "1.13.0", "1.13.1", "1.14.0", "1.14.1"] },
  { repoURL: "https://helm.mariadb.com/mariadb-operator", chart: "mariadb-operator", source: INDEX("mariadb-operator/mariadb-operator"), checked: CHECKED, versions: ["25.10.1", "25.10.2", "25.10.3", "25.10.4", "26.3.0", "26.6.0"] },
  { repoURL: "https://helm.mariadb.com/mariadb-operator", chart: "mariadb-operator-crds", source: INDEX("mariadb-operator/mariadb-operator"), checked: CHECKED, versions: ["25.10.1", "25.10.2", "25.10.3", "25.10.4", "26.3.0", "26.6.0"] },
  { repoURL: "https://helm.mariadb.com/mariadb-operator", chart: "mariadb-cluster", source: INDEX("mariadb-operator/mariadb-operator"), checked: CHECKED, versions: ["25.10.1", "25.10.2", "25.10.3", "25.10.4", "26.3.0", "26.6.0"] },
  // 1.23.0 is not published (the operator's main branch says 1.23.0, no chart or tag has it)
  { repoURL: "https://percona.github.io/percona-helm-charts/", chart: "psmdb-operator", source: INDEX("percona/percona-helm-charts"), checked: CHECKED, versions: ["1.20.1", "1.21.0", "1.21.1", "1.21.2", "1.21.3", "1.22.0"] },
  { repoURL: "https://percona.github.io/percona-helm-charts/", chart: "psmdb-db", source: INDEX("percona/percona-helm-charts"), checked: CHECKED, versions: ["1.21.0", "1.21.1", "1.21.2", "1.22.0", "1.22.1", "1.22.2"] },
  { repoURL: "https://valkey.io/valkey-helm/", chart: "valkey", source: INDEX("valkey-io/valkey-helm"), checked: CHECKED, versions: ["0.9.1", "0.9.2", "0.9.3", "0.9.4", "0.10.0", "0.11.0"] },
  { repoURL: "https://meilisearch.github.io/meilisearch-kubernetes", chart: "meilisearch", source: INDEX("meilisearch/meilisearch-kubernetes"), checked: CHECKED, versions: ["0.29.0", "0.30.0", "0.31.0", "0.32.0", "0.33.0", "0.34.0"] },
];

/** The recorded releases of a chart, or undefined when the chart is not recorded at all. */
export function publishedVersions(repoURL: string, chart: string): readonly string[] | undefined {
  return PUBLISHED_CHARTS.find((p) => p.repoURL === repoURL && p.chart === chart)?.versions;
}
