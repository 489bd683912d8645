// Which environment variable of the Open edX containers comes from which cluster Secret: the contract between
// the generated Tutor plugin (settings read these variables), the hook Jobs and the Secrets rendered per tenant.
import { JWT_SECRET, SEARCH_KEY_SECRET, SEARCH_KEY_SECRET_KEY, TENANT_SECRET, TENANT_SECRET_KEYS } from "../model/secrets";

export interface SecretEnv {
  /** Variable name; also the Tutor key whose `from-cluster-secret:` placeholder it replaces at runtime. */
  env: string;
  secret: string;
  key: string;
}

/** cert-manager writes the private key of the JWT key pair under this key. */
export const JWT_PRIVATE_KEY_KEY = "tls.key";

export const SECRET_ENV: readonly SecretEnv[] = [
  ...Object.values(TENANT_SECRET_KEYS).map((key) => ({ env: key, secret: TENANT_SECRET, key })),
  { env: "MEILISEARCH_API_KEY", secret: SEARCH_KEY_SECRET, key: SEARCH_KEY_SECRET_KEY },
  // the tenant never holds the master key of a shared Meilisearch: its own key, scoped to its index prefix, stands in
  { env: "MEILISEARCH_MASTER_KEY", secret: SEARCH_KEY_SECRET, key: SEARCH_KEY_SECRET_KEY },
  { env: "JWT_RSA_PRIVATE_KEY", secret: JWT_SECRET, key: JWT_PRIVATE_KEY_KEY },
];

/** Kubernetes `env` entries that take every secret from its Secret. */
export function secretEnvVars(): { name: string; valueFrom: { secretKeyRef: { name: string; key: string } } }[] {
  return SECRET_ENV.map((s) => ({ name: s.env, valueFrom: { secretKeyRef: { name: s.secret, key: s.key } } }));
}
