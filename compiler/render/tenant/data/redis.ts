// The tenant's ACL user on the shared Valkey: an entry, in the redis namespace, built from the tenant's own
// password (only its hash is written), limited to the tenant's key and channel prefix. The shared ACL file is
// assembled from every tenant's entry in the cluster, so adding a tenant touches only the tenant's files.
import { REDIS_ACL_LABEL, SHARED_SERVICES } from "../../../model/data-services";
import { provisionedBy } from "../../../model/provisioning";
import type { ResolvedTenant } from "../../../model/resolve";
import type { Platform } from "../../../schema/platform";
import { tenantCredential, tenantStore } from "../../data/eso";
import { tenantLabels, type KubeObject } from "../../objects";

/** Everything but server administration, on the keys and channels of one ACL glob only (REDIS.pattern). */
export const aclRules = (pattern: string) => `resetkeys ~${pattern} resetchannels &${pattern} +@all -@dangerous +info`;

export function redisProvisioning(t: ResolvedTenant, platform: Platform): KubeObject[] {
  if (!provisionedBy(t).redis) return [];
  const namespace = SHARED_SERVICES.redis.namespace;
  const labels = tenantLabels(t, platform.fleet);
  // Valkey ACL syntax: '#<sha256>' sets a password by its hash
  const entry = `user ${t.names.redisUser} on #{{ .password | sha256sum }} ${aclRules(t.names.redisKeyPattern)}`;
  return [tenantStore(t.id, namespace, labels), tenantCredential(t.id, namespace, "redisPassword", labels, { data: { acl: entry }, labels: { [REDIS_ACL_LABEL]: "true" } })];
}
