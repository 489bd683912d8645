// The platform's own domains and hosts under the host-ownership model (model/host-ownership.ts): no base or
// customer domain is a public suffix, and no platform service host is a base domain or in a customer's domain.
import { error, formatPath, type Diagnostic } from "../diagnostics";
import type { Source } from "../load";
import { baseDomains, customerDomainOf, isPublicSuffix } from "../model/host-ownership";
import type { Platform } from "../schema/platform";

export function checkPlatformDomains({ value, locator }: Source<Platform>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const suffix = (d: string, at: (string | number)[], key = false) => {
    if (!isPublicSuffix(d)) return;
    out.push(error("host-public-suffix", key ? locator.key(at) : locator.value(at), `"${d}" is a public suffix: nobody owns it, so no one can be given it`, { path: formatPath(at), hint: "name a domain registered under it, e.g. example.org" }));
  };
  value.domains.forEach((d, i) => suffix(d, ["domains", i]));
  for (const [name, c] of Object.entries(value.clusters).sort()) (c.domains ?? []).forEach((d, i) => suffix(d, ["clusters", name, "domains", i]));
  for (const d of Object.keys(value.customerDomains).sort()) suffix(d, ["customerDomains", d], true);
  const bases = baseDomains(value);
  for (const [name, c] of Object.entries(value.clusters).sort()) {
    for (const [service, host] of Object.entries(c.hosts).sort()) {
      const at = ["clusters", name, "hosts", service];
      const customer = customerDomainOf(value, host);
      if (bases.includes(host)) {
        out.push(error("host-apex", locator.value(at), `the ${service} host "${host}" is a base domain: its cookies would reach every tenant under it`, { path: formatPath(at), hint: `use a host under it, e.g. "${service}.${host}"` }));
      } else if (customer) {
        out.push(error("host-customer-domain", locator.value(at), `the ${service} host "${host}" is in ${customer.domain}, a customer's domain`, { path: formatPath(at), hint: "use a host under one of the platform's own domains" }));
      }
    }
  }
  return out;
}
