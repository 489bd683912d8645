// Percona Operator for MongoDB (its chart carries the CRDs; never pruned: a CRD's deletion deletes the databases).
import { CHARTS } from "../../data/charts";
import type { ComponentDef } from "../component";

export const psmdbOperator: ComponentDef = {
  app: "psmdb-operator",
  component: "mongodb",
  // its own namespace: one Application per namespace, so namespace labels never flap between two
  namespace: "psmdb-operator",
  wave: 0,
  chart: CHARTS.psmdbOperator,
  values: () => ({
    // tenants' dedicated MongoDBs live in their own namespaces
    watchAllNamespaces: true,
    disableTelemetry: true,
    resources: { requests: { cpu: "50m", memory: "128Mi" }, limits: { memory: "512Mi" } },
  }),
  keepsData: true,
  podSecurity: "restricted",
};
