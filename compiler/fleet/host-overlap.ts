// Host claims of the whole fleet (every tenant's hosts, derived ones included, and the platform's service
// hosts on every cluster), and the rule that no host is equal to or under another owner's: a browser sends
// a host's cookies to every host under it (Open edX scopes its session cookie to the LMS and Studio hosts),
// and a host may set cookies for the domains above it.
import { error, formatPath, type Diagnostic, type Location } from "../diagnostics";
import type { Source } from "../load";
import { COOKIES, DNS } from "../model/downstream-names";
import { allHosts, type ResolvedTenant } from "../model/resolve";
import type { Platform } from "../schema/platform";

export interface HostClaim {
  value: string;
  /** Looked up only when the claim conflicts: thousands of tenants make thousands of claims. */
  at: () => Location;
  owner: string;
  path: string;
  /** A platform service host (cluster `hosts`), not a tenant's. */
  platform?: boolean;
  /** A tenant's LMS or Studio host: Open edX's session cookie is scoped to it. */
  cookieScope?: boolean;
  /** `owner` without its detail ("(derived … host)", "(cluster.name)"), when known. */
  base?: string;
}

// where a tenant's own hosts are written (a derived CMS or MFE host is reported at the LMS host it comes from)
type HostPath = readonly (string | number)[];
const LMS: HostPath = Object.freeze(["hosts", "lms"]);
const CMS: HostPath = Object.freeze(["hosts", "cms"]);
const MFE: HostPath = Object.freeze(["hosts", "mfe"]);
const PATH_TEXT = new Map([[LMS, "hosts.lms"], [CMS, "hosts.cms"], [MFE, "hosts.mfe"]]); // formatPath of each

export function hostClaims(platform: Source<Platform>, tenants: readonly ResolvedTenant[]): HostClaim[] {
  const claims: HostClaim[] = [];
  for (const [cluster, spec] of Object.entries(platform.value.clusters).sort()) {
    for (const [name, host] of Object.entries(spec.hosts).sort()) {
      claims.push({ value: host, at: () => platform.locator.value(["clusters", cluster, "hosts", name]), owner: `the platform (${cluster}.${name})`, path: `clusters.${cluster}.hosts.${name}`, platform: true, base: "the platform" });
    }
  }
  for (const t of tenants) {
    // where each host is written: the first place wins (a host is written at most a few times: a list, no Map)
    const written = [t.hosts.lms, t.hosts.cms, t.hosts.mfe, ...t.input.hosts.extra];
    const places = [LMS, t.input.hosts.cms ? CMS : LMS, t.input.hosts.mfe ? MFE : LMS];
    const scopes = COOKIES.scopes(t.hosts);
    const base = `tenant "${t.id}"`;
    for (const h of allHosts(t)) {
      const first = written.indexOf(h);
      const p: HostPath = first < 3 ? places[first]! : ["hosts", "extra", first - 3];
      const path = first < 3 ? PATH_TEXT.get(p)! : formatPath(p);
      const derived = p === LMS && h !== t.hosts.lms ? ` (derived ${h === t.hosts.cms ? "cms" : "mfe"} host)` : "";
      claims.push({ value: h, at: () => t.source.locator.value(p), owner: `${base}${derived}`, path, cookieScope: scopes.includes(h), base });
    }
  }
  return claims;
}

/** The owner without the "(derived … host)" or "(cluster.name)" detail: one tenant's own hosts may nest. */
const ownerOf = (c: HostClaim) => c.base ?? c.owner.replace(/ \(.*\)$/, "");

/** Every claim under another owner's claim, reported on both: each parent found by walking up the labels. */
export function hostOverlaps(claims: readonly HostClaim[]): Diagnostic[] {
  const byHost = new Map<string, HostClaim[]>();
  for (const c of claims) {
    const list = byHost.get(c.value);
    if (list) list.push(c);
    else byHost.set(c.value, [c]);
  }
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const c of claims) {
    let owner: string | undefined;
    for (const parent of DNS.parents(c.value)) {
      const aboveAll = byHost.get(parent);
      if (!aboveAll) continue;
      owner ??= ownerOf(c);
      for (const above of aboveAll) {
        const aboveOwner = ownerOf(above);
        if (aboveOwner === owner) continue;
        // one report per pair of written values: a tenant's derived hosts are reported at its LMS host once
        const key = `${owner}\0${c.path}\0${aboveOwner}\0${above.path}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const [at, aboveAt] = [c.at(), above.at()];
        const hint = "choose a host that is neither equal to, under nor above another owner's host";
        const reach = above.cookieScope ? `that tenant's session cookies (Domain=${above.value}) would reach this one` : "cookies scoped to that host reach this one";
        // the platform's hosts came first: a tenant nesting under or above one is the tenant's to fix
        if (!c.platform) out.push(error("host-overlap", at, `host "${c.value}" is under "${above.value}" of ${above.owner} (${aboveAt.file}:${aboveAt.line}:${aboveAt.col}): ${reach}`, { path: c.path, hint }));
        if (!above.platform) out.push(error("host-overlap", aboveAt, `host "${above.value}" is above "${c.value}" of ${c.owner} (${at.file}:${at.line}:${at.col}): cookies scoped to this host would reach that one`, { path: above.path, hint }));
      }
    }
  }
  return out;
}
