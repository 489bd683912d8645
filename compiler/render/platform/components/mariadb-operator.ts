// mariadb-operator with its CRDs (the chart's crds dependency, so upgrades update them). Its Application never
// cascades: deleting a CRD would delete every database object of the cluster.
import { CHARTS } from "../../data/charts";
import type { ComponentDef } from "../component";

export const mariadbOperator: ComponentDef = {
  app: "mariadb-operator",
  component: "mysql",
  // its own namespace: one Application per namespace, so namespace labels never flap between two
  namespace: "mariadb-operator",
  wave: 0,
  chart: CHARTS.mariadbOperator,
  values: () => ({
    crds: { enabled: true },
    // watches every namespace: tenants' dedicated MariaDBs live in their own
    currentNamespaceOnly: false,
    resources: { requests: { cpu: "50m", memory: "128Mi" }, limits: { memory: "512Mi" } },
  }),
  keepsData: true,
  podSecurity: "restricted",
};
