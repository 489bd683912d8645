// The tenant's credentials, made in the cluster and never in git. External Secrets
// generates the passwords once (CreatedOnce); cert-manager makes the JWT RSA key pair (rotationPolicy Never).
import { JWT_SECRET, TENANT_SECRET, TENANT_SECRET_KEYS } from "../../model/secrets";
import type { ResolvedTenant } from "../../model/resolve";
import type { Platform } from "../../schema/platform";
import { ESO_API } from "../data/eso";
import { customResourceAnnotations } from "../data/sync";
import { deepFreeze, tenantLabels, type KubeObject } from "../objects";

const GENERATOR = "openedx-secrets";
const JWT_ISSUER = "openedx-jwt-selfsigned";

// each entry runs the generator once (its output key is `password`) and renames the key: one value per key;
// the same for every tenant, so made once (written, never changed)
const DATA_FROM = deepFreeze(
  Object.values(TENANT_SECRET_KEYS).map((key) => ({
    sourceRef: { generatorRef: { apiVersion: "generators.external-secrets.io/v1alpha1", kind: "Password", name: GENERATOR } },
    rewrite: [{ regexp: { source: "^password$", target: key } }],
  })),
);

// and so are these parts of the others
const PASSWORD_SPEC = deepFreeze({ length: 40, digits: 10, symbols: 0, noUpper: false, allowRepeat: true });
const SECRET_TARGET = deepFreeze({ name: TENANT_SECRET, creationPolicy: "Orphan", deletionPolicy: "Retain" });
const ISSUER_SPEC = deepFreeze({ selfSigned: {} });
const ISSUER_REF = deepFreeze({ kind: "Issuer", name: JWT_ISSUER });
const PRIVATE_KEY = deepFreeze({ algorithm: "RSA", size: 2048, encoding: "PKCS1", rotationPolicy: "Never" });
const USAGES = deepFreeze(["digital signature"]);

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
    spec: PASSWORD_SPEC,
  };
  const externalSecret: KubeObject = {
    apiVersion: ESO_API,
    kind: "ExternalSecret",
    metadata: metadata(TENANT_SECRET),
    spec: {
      // generated once; a refresh or a re-sync never rotates a password the databases already hold
      refreshPolicy: "CreatedOnce",
      target: SECRET_TARGET,
      dataFrom: DATA_FROM,
    },
  };
  const issuer: KubeObject = {
    apiVersion: "cert-manager.io/v1",
    kind: "Issuer",
    metadata: metadata(JWT_ISSUER),
    spec: ISSUER_SPEC,
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
      issuerRef: ISSUER_REF,
      // renewal keeps the key: tokens signed before a renewal stay valid
      privateKey: PRIVATE_KEY,
      usages: USAGES,
    },
  };
  return [password, externalSecret, issuer, certificate];
}
