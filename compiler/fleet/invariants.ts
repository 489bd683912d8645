// Fleet-wide invariants, checked on all resolved tenants together before anything is written.
import { error, formatPath, type Diagnostic, type Location } from "../diagnostics";
import type { Source } from "../load";
import { NAME_LIMITS, RESERVED_ID_PREFIXES, RESERVED_IDS } from "../model/names";
import { platformNamespaces } from "../model/platform-namespaces";
import { allHosts, type ResolvedTenant } from "../model/resolve";
import type { Platform } from "../schema/platform";

interface FleetContext {
  platform: Source<Platform>;
  tenants: readonly ResolvedTenant[];
}
type Invariant = (ctx: FleetContext) => Diagnostic[];

interface Claim {
  value: string;
  /** Looked up only when the claim conflicts: thousands of tenants make thousands of claims. */
  at: () => Location;
  owner: string;
  path: string;
}

/** Reports every claim whose normalised value was already claimed by another owner, in the same scope. */
function uniqueness(code: string, what: string, claims: Claim[], normalise = (v: string) => v): Diagnostic[] {
  const first = new Map<string, Claim>();
  const out: Diagnostic[] = [];
  for (const c of claims) {
    const key = normalise(c.value);
    const prior = first.get(key);
    if (!prior) {
      first.set(key, c);
    } else if (prior.owner !== c.owner) {
      const same = prior.value === c.value ? `"${c.value}"` : `"${c.value}" (same as "${prior.value}" once normalised)`;
      const [at, priorAt] = [c.at(), prior.at()];
      out.push(error(code, at, `${what} ${same} is already used by ${prior.owner} (${priorAt.file}:${priorAt.line}:${priorAt.col})`, { path: c.path, hint: `choose another ${what}` }));
      out.push(error(code, priorAt, `${what} ${same} is also used by ${c.owner} (${at.file}:${at.line}:${at.col})`, { path: prior.path, hint: `choose another ${what}` }));
    }
  }
  return out;
}

const byCluster = (tenants: readonly ResolvedTenant[]) => {
  const groups = new Map<string, ResolvedTenant[]>();
  for (const t of tenants) {
    const group = groups.get(t.cluster.name);
    if (group) group.push(t);
    else groups.set(t.cluster.name, [t]);
  }
  return [...groups.values()];
};

const idAt = (t: ResolvedTenant) => t.source.locator.value(["id"]);
const owner = (t: ResolvedTenant) => `tenant "${t.id}"`;

const uniqueIds: Invariant = ({ tenants }) =>
  uniqueness("duplicate-id", "id", tenants.map((t) => ({ value: t.id, at: () => idAt(t), owner: `${t.source.file}`, path: "id" })), (v) => v.toLowerCase().replace(/-/g, "_"));

const uniqueHosts: Invariant = ({ tenants, platform }) => {
  const claims: Claim[] = [];
  for (const [cluster, spec] of Object.entries(platform.value.clusters).sort()) {
    for (const [name, host] of Object.entries(spec.hosts).sort()) {
      claims.push({ value: host, at: () => platform.locator.value(["clusters", cluster, "hosts", name]), owner: `the platform (${cluster}.${name})`, path: `clusters.${cluster}.hosts.${name}` });
    }
  }
  for (const t of tenants) {
    const paths: Record<string, (string | number)[]> = { [t.hosts.lms]: ["hosts", "lms"] };
    paths[t.hosts.cms] ??= t.input.hosts.cms ? ["hosts", "cms"] : ["hosts", "lms"];
    paths[t.hosts.mfe] ??= t.input.hosts.mfe ? ["hosts", "mfe"] : ["hosts", "lms"];
    t.input.hosts.extra.forEach((h, i) => (paths[h] ??= ["hosts", "extra", i]));
    for (const h of allHosts(t)) {
      const p = paths[h]!;
      const derived = formatPath(p) === "hosts.lms" && h !== t.hosts.lms ? ` (derived ${h === t.hosts.cms ? "cms" : "mfe"} host)` : "";
      claims.push({ value: h, at: () => t.source.locator.value(p), owner: `${owner(t)}${derived}`, path: formatPath(p) });
    }
  }
  return uniqueness("duplicate-host", "host", claims);
};

/** Names inside one cluster's shared services must not meet. */
const uniquePerCluster: Invariant = ({ tenants }) =>
  byCluster(tenants).flatMap((group) => {
    const claim = (pick: (t: ResolvedTenant) => string) => group.map((t) => ({ value: pick(t), at: () => idAt(t), owner: owner(t), path: "id" }));
    return [
      ...uniqueness("duplicate-namespace", "namespace", claim((t) => t.names.namespace)),
      ...uniqueness("duplicate-database", "MySQL database", claim((t) => t.names.mysqlDatabase), (v) => v.toLowerCase()),
      ...uniqueness("duplicate-database", "MySQL user", claim((t) => t.names.mysqlUser), (v) => v.toLowerCase()),
      ...uniqueness("duplicate-database", "MongoDB database", claim((t) => t.names.mongodbDatabase), (v) => v.toLowerCase()),
      ...uniqueness("duplicate-redis-user", "Redis ACL user", claim((t) => t.names.redisUser)),
      ...uniqueness("duplicate-search-prefix", "search index prefix", claim((t) => t.names.searchIndexPrefix)),
    ];
  });

/** A search key restricted to `a_*` would reach `a_b_*` indexes: no prefix may start another. */
const prefixFreeSearch: Invariant = ({ tenants }) =>
  byCluster(tenants).flatMap((group) => {
    const sorted = [...group].sort((a, b) => (a.names.searchIndexPrefix < b.names.searchIndexPrefix ? -1 : 1));
    const out: Diagnostic[] = [];
    for (let i = 1; i < sorted.length; i++) {
      const [a, b] = [sorted[i - 1]!, sorted[i]!];
      if (a.names.searchIndexPrefix !== b.names.searchIndexPrefix && b.names.searchIndexPrefix.startsWith(a.names.searchIndexPrefix)) {
        out.push(error("search-prefix-overlap", idAt(b), `search index prefix "${b.names.searchIndexPrefix}" starts with "${a.names.searchIndexPrefix}" of ${owner(a)}`, { path: "id" }));
      }
    }
    return out;
  });

const reservedNames: Invariant = ({ tenants, platform }) => {
  const namespaces = new Set(platformNamespaces(platform.value));
  return tenants.flatMap((t) => {
    const at = () => idAt(t); // only on a finding: most tenants have none
    if (RESERVED_IDS.has(t.id) || namespaces.has(t.names.namespace)) {
      return [error("reserved-id", at(), `"${t.id}" is reserved (a system or platform name)`, { path: "id", hint: "choose another id" })];
    }
    const prefix = RESERVED_ID_PREFIXES.find((p) => t.id.startsWith(p));
    if (prefix) return [error("reserved-id", at(), `ids starting with "${prefix}" are reserved`, { path: "id", hint: "choose another id" })];
    if (t.id.includes("--")) return [error("reserved-id", at(), `ids cannot contain "--" (it separates generated name parts)`, { path: "id", hint: "use a single '-'" })];
    return [];
  });
};

const lengthLimits: Invariant = ({ tenants }) =>
  tenants.flatMap((t) => {
    const checks: [string, string, number][] = [
      ["namespace", t.names.namespace, NAME_LIMITS.namespace],
      ["Helm release", t.names.helmRelease("meilisearch"), NAME_LIMITS.helmRelease],
      ["MySQL user", t.names.mysqlUser, NAME_LIMITS.mysqlUser],
      ["MySQL database", t.names.mysqlDatabase, NAME_LIMITS.mysqlDatabase],
      ["MongoDB database", t.names.mongodbDatabase, NAME_LIMITS.mongodbDatabase],
    ];
    return checks
      .filter(([, name, limit]) => name.length > limit)
      .map(([what, name, limit]) =>
        error("name-too-long", idAt(t), `id "${t.id}" makes the ${what} "${name}" ${name.length} characters long; the limit is ${limit}`, {
          path: "id",
          hint: `use an id of at most ${t.id.length - (name.length - limit)} characters`,
        }),
      );
  });

export const INVARIANTS: readonly Invariant[] = [uniqueIds, uniqueHosts, uniquePerCluster, prefixFreeSearch, reservedNames, lengthLimits];

export function checkFleet(ctx: FleetContext): Diagnostic[] {
  return INVARIANTS.flatMap((rule) => rule(ctx));
}
