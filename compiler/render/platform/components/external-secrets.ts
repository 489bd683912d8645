// External Secrets Operator: generates and copies Secrets inside the cluster (ExternalSecret, Password
// generators, ClusterSecretStore of the kubernetes provider), so no secret value is ever in git.
import { KEEP_DATA, SYNC_OPTIONS } from "../../argocd";
import type { ComponentContext, ComponentDef } from "../component";
import { credentialsStore } from "./credentials-store";
import { ha } from "./shared";

function values(ctx: ComponentContext): Record<string, unknown> {
  const { replicas, pdb } = ha(ctx);
  const small = { requests: { cpu: "10m", memory: "64Mi" }, limits: { memory: "256Mi" } };
  return {
    installCRDs: true,
    // deleting the CRDs would delete every ExternalSecret and, through owner references, every generated
    // password of every tenant: Argo CD must never prune or delete them on its own
    crds: { annotations: { [SYNC_OPTIONS]: KEEP_DATA } },
    replicaCount: replicas,
    leaderElect: replicas > 1,
    podDisruptionBudget: pdb,
    resources: { requests: { cpu: "50m", memory: "128Mi" }, limits: { memory: "512Mi" } },
    webhook: { replicaCount: replicas, podDisruptionBudget: pdb, resources: small },
    certController: { replicaCount: 1, resources: small },
  };
}

export const externalSecrets: ComponentDef = {
  app: "external-secrets",
  component: "externalSecrets",
  namespace: "external-secrets",
  // first: the monitoring component and every tenant use its CRDs
  wave: 0,
  // 2.9.0: the newest release; pin checked: gh-pages index.yaml of github.com/external-secrets/external-secrets
  chart: { repoURL: "https://charts.external-secrets.io", chart: "external-secrets", version: "2.9.0" },
  values,
  objects: credentialsStore,
  keepsData: true,
  podSecurity: "restricted",
};
