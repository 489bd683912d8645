// mariadb-operator and its CRDs (separate Applications: CRDs first, and never pruned with the operator, since
// deleting a CRD deletes every database object of the cluster).
import { CHARTS } from "../../data/charts";
import type { ComponentDef } from "../component";

export const mariadbOperatorCrds: ComponentDef = {
  app: "mariadb-operator-crds",
  component: "mysql",
  namespace: "mysql",
  wave: 0,
  chart: CHARTS.mariadbOperatorCrds,
  values: () => ({}),
  keepsData: true,
};

export const mariadbOperator: ComponentDef = {
  app: "mariadb-operator",
  component: "mysql",
  namespace: "mysql",
  wave: 1,
  chart: CHARTS.mariadbOperator,
  values: () => ({
    // CRDs come from their own Application
    crds: { enabled: false },
    // watches every namespace: tenants' dedicated MariaDBs live in their own
    currentNamespaceOnly: false,
    resources: { requests: { cpu: "50m", memory: "128Mi" }, limits: { memory: "512Mi" } },
  }),
  podSecurity: "restricted",
};
