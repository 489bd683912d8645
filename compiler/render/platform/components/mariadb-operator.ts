// mariadb-operator, and its CRDs from their own chart (mariadb-operator-crds, the same release): the
// operator chart's crds.yaml carries fixed annotations and no value adds any, so the protection is on the
// CRDs' own Application: never pruned, never deleted. Deleting a CRD would delete every database object of
// the cluster. Neither Application cascades.
import { CHARTS } from "../../data/charts";
import type { ComponentDef } from "../component";

const NAMESPACE = "mariadb-operator";

export const mariadbOperatorCrds: ComponentDef = {
  app: "mariadb-operator-crds",
  component: "mysql",
  // cluster-scoped objects only; the operator's Application owns the namespace and its labels
  namespace: NAMESPACE,
  // with the operator: it waits for its CRDs (restarting until they exist), the MariaDB objects come at wave 5
  wave: 0,
  chart: CHARTS.mariadbOperatorCrds,
  keepsData: true,
  neverPrune: true,
  podSecurity: "restricted",
};

export const mariadbOperator: ComponentDef = {
  app: "mariadb-operator",
  component: "mysql",
  // its own namespace: one Application per namespace, so namespace labels never flap between two
  namespace: NAMESPACE,
  wave: 0,
  chart: CHARTS.mariadbOperator,
  values: () => ({
    // the CRDs come from mariadb-operator-crds above, where Argo CD may never prune or delete them
    crds: { enabled: false },
    // watches every namespace: tenants' dedicated MariaDBs live in their own
    currentNamespaceOnly: false,
    resources: { requests: { cpu: "50m", memory: "128Mi" }, limits: { memory: "512Mi" } },
  }),
  keepsData: true,
  // its chart sets no security context: model/chart-security.ts writes them all
  podSecurity: "restricted",
};
