// Which environment variable of the Open edX containers comes from which cluster Secret: the contract between
// the generated Tutor plugin (settings read these variables), the hook Jobs and the Secrets rendered per tenant.
import { JWT_SECRET, SEARCH_KEY_SECRET, SEARCH_KEY_SECRET_KEY, TENANT_SECRET, TENANT_SECRET_KEYS } from "../model/secrets";

/** The relay password: Tutor's SMTP_PASSWORD, copied from the cluster's credentials into the tenant's SMTP_SECRET. */
export const SMTP_PASSWORD = "SMTP_PASSWORD";
export const SMTP_SECRET = "openedx-smtp";

export interface SecretEnv {
  /** Variable name; also the Tutor key whose `from-cluster-secret:` placeholder it replaces at runtime. */
  env: string;
  secret: string;
  key: string;
  /** Only some tenants have it (a relay without a user has no password): the pod starts without it. */
  optional?: boolean;
}

/** cert-manager writes the private key of the JWT key pair under this key. */
export const JWT_PRIVATE_KEY_KEY = "tls.key";

export const SECRET_ENV: readonly SecretEnv[] = [
  ...Object.values(TENANT_SECRET_KEYS).map((key) => ({ env: key, secret: TENANT_SECRET, key })),
  { env: "MEILISEARCH_API_KEY", secret: SEARCH_KEY_SECRET, key: SEARCH_KEY_SECRET_KEY },
  // the tenant never holds the master key of a shared Meilisearch: its own key, scoped to its index prefix, stands in
  { env: "MEILISEARCH_MASTER_KEY", secret: SEARCH_KEY_SECRET, key: SEARCH_KEY_SECRET_KEY },
  { env: "JWT_RSA_PRIVATE_KEY", secret: JWT_SECRET, key: JWT_PRIVATE_KEY_KEY },
  { env: SMTP_PASSWORD, secret: SMTP_SECRET, key: SMTP_PASSWORD, optional: true },
];

/** Kubernetes `env` entries that take every secret from its Secret. */
export function secretEnvVars(): { name: string; valueFrom: { secretKeyRef: { name: string; key: string; optional?: boolean } } }[] {
  return SECRET_ENV.map((s) => ({ name: s.env, valueFrom: { secretKeyRef: { name: s.secret, key: s.key, ...(s.optional ? { optional: true } : {}) } } }));
}
