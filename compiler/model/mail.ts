// Which relay a tenant's mail goes through: its own (`mail` in the tenant file), else its cluster's, else the
// platform's; and the cluster Secret its password is copied from.
import type { Platform } from "../schema/platform";
import type { MailRelay } from "../schema/mail";
import type { Tenant } from "../schema/tenant";
import { PLATFORM_MAIL_SECRET, tenantMailSecret } from "./credentials";
import { memoByOwner } from "../memo";

export interface ResolvedMail {
  relay: MailRelay;
  /** Where it was declared, for messages and docs. */
  from: "tenant" | "cluster" | "platform";
  /** Secret in the credentials namespace holding the password; none when the relay takes no user. */
  passwordSecret?: string;
}

export function mailOf(tenant: Pick<Tenant, "id" | "mail">, platform: Platform, cluster: string): ResolvedMail | undefined {
  const own = tenant.mail;
  if (own) return { relay: own, from: "tenant", ...(own.username ? { passwordSecret: tenantMailSecret(tenant.id) } : {}) };
  return sharedMail(platform, cluster, () => sharedRelayOf(platform, cluster));
}

// the cluster's or the platform's relay is the same for every tenant without its own: resolved once per cluster
const sharedMail = memoByOwner<Platform, ResolvedMail | undefined>();

function sharedRelayOf(platform: Platform, cluster: string): ResolvedMail | undefined {
  const shared = platform.clusters[cluster]?.mail ?? platform.mail;
  if (!shared) return undefined;
  return Object.freeze({ relay: shared, from: platform.clusters[cluster]?.mail ? "cluster" : "platform", ...(shared.username ? { passwordSecret: PLATFORM_MAIL_SECRET } : {}) });
}
