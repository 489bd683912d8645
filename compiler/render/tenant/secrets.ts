// The tenant's credentials, made in the cluster and never in git. External Secrets
// generates the passwords once (CreatedOnce); cert-manager makes the JWT RSA key pair (rotationPolicy Never).
import { JWT_SECRET, TENANT_SECRET, TENANT_SECRET_KEYS } from "../../model/secrets";
import type { ResolvedTenant } from "../../model/resolve";
import type { Platform } from "../../schema/platform";
import { ESO_API } from "../data/eso";
import { customResourceAnnotations } from "../data/sync";
import { tenantLabels, type KubeObject } from "../objects";

const GENERATOR = "openedx-secrets";
const JWT_ISSUER = "openedx-jwt-selfsigned";

// each entry runs the generator once (its output key is `password`) and renames the key: one value per key;
// the same for every tenant, so made once (written, never changed)
const DATA_FROM = Object.freeze(
  Object.values(TENANT_SECRET_KEYS).map((key) => ({
    sourceRef: { generatorRef: { apiVersion: "generators.external-secrets.io/v1alpha1", kind: "Password", name: GENERATOR } },
    rewrite: [{ regexp: { source: "^password$", target: key } }],
  })),
);

export function tenantSecrets(t: ResolvedTenant, platform: Platform): KubeObject[] {
  const metadata = (name: string) => ({
    name,
    namespace: t.names.namespace,
    labels: tenantLabels(t, platform.fleet),
    // a prune or a deleted Application must never take credentials (and the data they open) with it; the CRDs
    // may still be on their way on a new cluster, so the dry run is skipped and the sync retries
    annotations: customResourceAnnotations({ keepData: true }),
  });
  const password: KubeObject = {
    apiVersion: "generators.external-secrets.io/v1alpha1",
    kind: "Password",
    metadata: metadata(GENERATOR),
    // letters and digits only: the values end up in URLs (redis://user:password@host) without quoting
    spec: { length: 40, digits: 10, symbols: 0, noUpper: false, allowRepeat: true },
  };
  const externalSecret: KubeObject = {
    apiVersion: ESO_API,
    kind: "ExternalSecret",
    metadata: metadata(TENANT_SECRET),
    spec: {
      // generated once; a refresh or a re-sync never rotates a password the databases already hold
      refreshPolicy: "CreatedOnce",
      target: { name: TENANT_SECRET, creationPolicy: "Orphan", deletionPolicy: "Retain" },
      dataFrom: DATA_FROM,
    },
  };
  const issuer: KubeObject = {
    apiVersion: "cert-manager.io/v1",
    kind: "Issuer",
    metadata: metadata(JWT_ISSUER),
    spec: { selfSigned: {} },
  };
  // Only the key pair matters (Open edX signs JWTs with it); the certificate around it is never used for TLS.
  const certificate: KubeObject = {
    apiVersion: "cert-manager.io/v1",
    kind: "Certificate",
    metadata: metadata(JWT_SECRET),
    spec: {
      secretName: JWT_SECRET,
      commonName: `${t.id} openedx jwt`,
      duration: "87600h",
      renewBefore: "720h",
      issuerRef: { kind: "Issuer", name: JWT_ISSUER },
      // renewal keeps the key: tokens signed before a renewal stay valid
      privateKey: { algorithm: "RSA", size: 2048, encoding: "PKCS1", rotationPolicy: "Never" },
      usages: ["digital signature"],
    },
  };
  return [password, externalSecret, issuer, certificate];
}
