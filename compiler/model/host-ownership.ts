// Who may use which host name. A host is a cookie scope (Open edX scopes its session cookie to the LMS and
// Studio hosts, and a browser sends it to every host under them) and a place to set cookies for the domains
// above it, so ownership is decided label by label, never by string suffix:
// - a public suffix (`com`, `co.uk`, `github.io`) is nobody's;
// - a platform base domain (`domains`) is the platform's: tenants get hosts under it, never the domain itself;
// - a customer domain (`customerDomains`) and every host under it belong to the tenants assigned to it;
// - no host is equal to or under another owner's host (fleet invariant, compiler/fleet/host-overlap.ts).
import { getPublicSuffix } from "tldts";
import type { Platform } from "../schema/platform";
import { DNS } from "./downstream-names";

/** Whether `host` is itself a public suffix (ICANN or private section of the Public Suffix List). */
export const isPublicSuffix = (host: string) => getPublicSuffix(host, { allowPrivateDomains: true }) === host;
// the same for a string already known to be a valid host name: no URL to take it from, nothing to validate
// (half the cost; three hosts per tenant)
const VALID_HOST = { allowPrivateDomains: true, extractHostname: false, validateHostname: false, mixedInputs: false };
const isValidHostPublicSuffix = (host: string) => getPublicSuffix(host, VALID_HOST) === host;

const baseCache = new WeakMap<Platform, string[]>();

/** Every base domain the platform names, on any cluster (worked out once per platform). */
export function baseDomains(platform: Platform): string[] {
  let bases = baseCache.get(platform);
  if (!bases) baseCache.set(platform, (bases = [...new Set([...platform.domains, ...Object.values(platform.clusters).flatMap((c) => c.domains ?? [])])].sort()));
  return bases;
}

/** The nearest customer domain that holds `host` (equal or above it), with the tenants it is assigned to. */
export function customerDomainOf(platform: Platform, host: string): { domain: string; tenants: string[] } | undefined {
  const owners = platform.customerDomains;
  // the host, then each domain above it (DNS.parents), without a list of them: three hosts per tenant ask
  let i = -1;
  do {
    const d = i < 0 ? host : host.slice(i + 1);
    if (Object.hasOwn(owners, d)) return { domain: d, tenants: owners[d]!.tenants };
    i = host.indexOf(".", i + 1);
  } while (i >= 0);
  return undefined;
}

export type Placement =
  | { ok: true }
  | { ok: false; code: "host-public-suffix" | "host-apex" | "host-customer-domain" | "host-domain"; message: string; hint: string };

/** Whether tenant `id` may use `host`, a valid host name (schema/common.ts Host), on a cluster whose allowed base domains are `domains`. */
export function placeHost(platform: Platform, id: string | undefined, host: string, domains: readonly string[]): Placement {
  if (isValidHostPublicSuffix(host)) {
    return { ok: false, code: "host-public-suffix", message: `"${host}" is a public suffix: a site there could set cookies for every domain under it`, hint: "use a host under a domain the platform or the customer owns" };
  }
  const customer = customerDomainOf(platform, host);
  if (customer) {
    if (id !== undefined && customer.tenants.includes(id)) return { ok: true };
    return {
      ok: false,
      code: "host-customer-domain",
      message: `"${host}" is ${customer.domain === host ? "" : `under ${customer.domain}, `}a customer domain the platform assigns to ${customer.tenants.map((t) => `"${t}"`).join(", ")} only`,
      hint: "use a host under one of the platform's domains, or have the platform add this tenant to `customerDomains` in platform/platform.ts",
    };
  }
  if (baseDomains(platform).includes(host)) {
    return { ok: false, code: "host-apex", message: `"${host}" is a base domain of the platform: its cookies would reach every tenant and platform service under it`, hint: `use a host under it, e.g. "learn.${host}"` };
  }
  if (domains.length > 0 && !domains.some((d) => DNS.atOrUnder(host, d))) {
    return {
      ok: false,
      code: "host-domain",
      message: `"${host}" is not under an allowed domain (${domains.join(", ")})`,
      hint: "use a host under one of the platform's domains, or add the domain to `domains` (or a customer's to `customerDomains`) in platform/platform.ts",
    };
  }
  return { ok: true };
}
