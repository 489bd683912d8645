// Credentials the operator creates once per cluster (mail relay passwords, registry logins) and tenants get
// copies of: where they live and what they are called. Nothing here holds a value; none is ever in git.

/** Namespace, on every cluster, holding the credentials the operator creates by hand (docs/operator/credentials.md). */
export const CREDENTIALS_NAMESPACE = "platform-credentials";
/** ClusterSecretStore reading CREDENTIALS_NAMESPACE; only the fleet's tenant namespaces may use it. */
export const CREDENTIALS_STORE = "platform-credentials";
/** ServiceAccount (in External Secrets' namespace) the store reads as. */
export const CREDENTIALS_READER = "platform-credentials-reader";
export const CREDENTIALS_READER_NAMESPACE = "external-secrets";

/** The key every credential Secret holds its password under. */
export const PASSWORD_KEY = "password";

/** Password of the platform's (or the cluster's) mail relay. */
export const PLATFORM_MAIL_SECRET = "mail-relay";
/** Password of a tenant's own mail relay: its name says whose it is, and no tenant id can make it another name
 * here (`mail-relay`, `registry-*`): tenant "relay" must never be handed the platform relay's password. */
export const tenantMailSecret = (id: string) => `tenant-mail-${id}`;
/** Login of a private registry (`.dockerconfigjson`), by registry host (dots and ports made DNS-safe). */
export const registrySecret = (host: string) => `registry-${host.replace(/[.:]/g, "-")}`;

/** The registries whose logins a cluster's tenants get: the cluster's list, else the platform's; sorted, once each. */
export function privateRegistriesOf(platform: { privateRegistries: string[]; clusters: Record<string, { privateRegistries?: string[] | undefined }> }, cluster: string): string[] {
  return [...new Set(platform.clusters[cluster]?.privateRegistries ?? platform.privateRegistries)].sort();
}
