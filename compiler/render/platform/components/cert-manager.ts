// cert-manager with its CRDs managed by the chart, and the ClusterIssuers tenant Ingresses name (model/ingress.ts).
import { DEFAULT_ISSUER, ingressOf, ISSUERS } from "../../../model/ingress";
import type { KubeObject } from "../../objects";
import type { ComponentContext, ComponentDef } from "../component";
import { AFTER_CHART, ha } from "./shared";

const NAMESPACE = "cert-manager";
const LETS_ENCRYPT = {
  letsencrypt: "https://acme-v02.api.letsencrypt.org/directory",
  "letsencrypt-staging": "https://acme-staging-v02.api.letsencrypt.org/directory",
} as const;

function values(ctx: ComponentContext): Record<string, unknown> {
  const { replicas, pdb } = ha(ctx);
  const small = { requests: { cpu: "10m", memory: "64Mi" }, limits: { memory: "256Mi" } };
  return {
    // keep: deleting the CRDs would delete every Certificate of every tenant
    crds: { enabled: true, keep: true },
    replicaCount: replicas,
    podDisruptionBudget: pdb,
    resources: small,
    webhook: { replicaCount: replicas, podDisruptionBudget: pdb, resources: small },
    cainjector: { replicaCount: replicas, podDisruptionBudget: pdb, resources: small },
    // Argo CD waits for the Deployments to be healthy; the post-install check Job would run on every sync
    startupapicheck: { enabled: false },
    prometheus: { enabled: true },
  };
}

const clusterIssuer = (name: string, spec: Record<string, unknown>): KubeObject => ({
  apiVersion: "cert-manager.io/v1",
  kind: "ClusterIssuer",
  metadata: { name, annotations: { ...AFTER_CHART } },
  spec,
});

/** Let's Encrypt production and staging, http01 through the platform's ingress class; the account keys stay in the cluster. */
function letsEncrypt(ctx: ComponentContext): KubeObject[] {
  const { className } = ingressOf(ctx.platform, ctx.cluster.name);
  return (Object.keys(LETS_ENCRYPT) as (keyof typeof LETS_ENCRYPT)[]).map((issuer) =>
    clusterIssuer(ISSUERS[issuer], {
      acme: {
        server: LETS_ENCRYPT[issuer],
        email: ctx.platform.acmeEmail,
        // cert-manager creates this key on first registration; nothing about it is in git
        privateKeySecretRef: { name: `${ISSUERS[issuer]}-account-key` },
        solvers: [{ http01: { ingress: { ingressClassName: className } } }],
      },
    }),
  );
}

/** A CA made in the cluster by a bootstrap self-signed issuer, for clusters Let's Encrypt cannot reach. */
function selfSignedCa(): KubeObject[] {
  const bootstrap = "fleet-selfsigned-bootstrap";
  const ca: KubeObject = {
    apiVersion: "cert-manager.io/v1",
    kind: "Certificate",
    metadata: { name: ISSUERS.selfsigned, namespace: NAMESPACE, annotations: { ...AFTER_CHART } },
    spec: {
      isCA: true,
      commonName: ISSUERS.selfsigned,
      secretName: ISSUERS.selfsigned,
      duration: "87600h",
      privateKey: { algorithm: "ECDSA", size: 256 },
      issuerRef: { group: "cert-manager.io", kind: "ClusterIssuer", name: bootstrap },
    },
  };
  return [clusterIssuer(bootstrap, { selfSigned: {} }), ca, clusterIssuer(ISSUERS.selfsigned, { ca: { secretName: ISSUERS.selfsigned } })];
}

function objects(ctx: ComponentContext): KubeObject[] {
  const issuer = ctx.cluster.components.certManager.issuer ?? DEFAULT_ISSUER;
  if (typeof issuer !== "string") return []; // a ClusterIssuer the operator manages
  return issuer === "selfsigned" ? selfSignedCa() : letsEncrypt(ctx);
}

export const certManager: ComponentDef = {
  app: "cert-manager",
  component: "certManager",
  namespace: NAMESPACE,
  wave: 0,
  // v1.21.1: the newest patch of the newest minor line; pin checked: release tag v1.21.1 of
  // github.com/cert-manager/cert-manager, whose releases publish the chart (published-charts.ts)
  chart: { repoURL: "https://charts.jetstack.io", chart: "cert-manager", version: "v1.21.1" },
  values,
  objects,
  keepsData: true,
  podSecurity: "restricted",
};
