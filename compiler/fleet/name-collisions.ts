// Tenants of one cluster share its MySQL, MongoDB, Redis and Meilisearch. Each tenant's names there are read
// under that system's matching rules (model/downstream-names.ts): what the tenant's grant, ACL glob or key
// pattern reaches must not meet what another tenant owns. Checked with a prefix index, so a thousand tenants
// cost a few lookups each, not a comparison of every pair.
import { error, type Diagnostic, type Location } from "../diagnostics";
import { KUBERNETES, MEILISEARCH, MONGODB, MYSQL, overlaps, REDIS, type Reach } from "../model/downstream-names";
import type { ResolvedTenant } from "../model/resolve";

interface Footprint {
  tenant: ResolvedTenant;
  /** What the name is in its system, e.g. "grant on database", "index pattern". */
  what: string;
  shown: string;
  reach: Reach;
  /** `reach`: what the tenant's credentials can touch; `own`: what the tenant's data is; `both`: the same. */
  role: "reach" | "own" | "both";
}

/** A tenant's footprints on the shared services it uses, grouped by what can meet: databases with grants, users with users, keys with globs. */
function footprints(t: ResolvedTenant, add: (group: string, f: Footprint) => void): void {
  const n = t.names;
  const f = (what: string, shown: string, reach: Reach, role: Footprint["role"] = "both"): Footprint => ({ tenant: t, what, shown, reach, role });
  const exact = (name: string): Reach => ({ prefix: name, exact: true });
  // a dedicated instance holds one tenant alone; archived tenants keep their data on the shared ones
  const { mysql, mongodb, redis, search } = t.services;
  if (mysql === "shared") {
    add("MySQL", f("grant on database", n.mysqlGrantDatabase, MYSQL.grantReach(MYSQL.normalise(n.mysqlGrantDatabase)), "reach"));
    add("MySQL", f("database", n.mysqlDatabase, exact(MYSQL.normalise(n.mysqlDatabase)), "own"));
    add("MySQL users", f("user", n.mysqlUser, exact(MYSQL.normalise(n.mysqlUser))));
  }
  if (mongodb === "shared") add("MongoDB", f("database", n.mongodbDatabase, MONGODB.roleReach(MONGODB.normalise(n.mongodbDatabase))));
  if (redis === "shared") {
    add("Redis", f("ACL key and channel pattern", n.redisKeyPattern, REDIS.reach(n.redisKeyPattern)));
    add("Redis users", f("user", n.redisUser, exact(n.redisUser)));
  }
  if (search === "shared") add("Meilisearch", f("index pattern", n.searchIndexPattern, MEILISEARCH.reach(n.searchIndexPattern)));
}

/** Two tenants meet when one's credentials reach what the other owns. */
const meets = (a: Footprint, b: Footprint) => a.tenant !== b.tenant && !(a.role === "own" && b.role === "own") && !(a.role === "reach" && b.role === "reach") && overlaps(a.reach, b.reach);

/** Every pair of footprints of different tenants in one system that share a name. */
function collisions(items: Footprint[]): [Footprint, Footprint][] {
  const byPrefix = new Map<string, Footprint[]>();
  const byExact = new Map<string, Footprint[]>();
  const lengths: number[] = []; // of the prefixes, in the order first seen
  for (const i of items) {
    const index = i.reach.exact ? byExact : byPrefix;
    const list = index.get(i.reach.prefix);
    if (list) list.push(i);
    else {
      index.set(i.reach.prefix, [i]);
      if (!i.reach.exact && !lengths.includes(i.reach.prefix.length)) lengths.push(i.reach.prefix.length);
    }
  }
  const out: [Footprint, Footprint][] = [];
  const seen = new Set<string>();
  // a pattern that reaches `i` starts with a prefix of i's text; an equal exact name is the other case
  const consider = (i: Footprint, list: Footprint[] | undefined) => {
    if (list === undefined) return;
    for (const j of list) {
      if (!meets(i, j)) continue;
      const key = i.tenant.id < j.tenant.id ? `${i.tenant.id}\0${j.tenant.id}` : `${j.tenant.id}\0${i.tenant.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push([i, j]);
    }
  };
  for (const i of items) {
    const { prefix } = i.reach;
    if (i.reach.exact) consider(i, byExact.get(prefix));
    for (const k of lengths) if (k <= prefix.length) consider(i, byPrefix.get(k === prefix.length ? prefix : prefix.slice(0, k)));
  }
  return out;
}

const describe = (f: Footprint) => `${f.what} "${f.shown}"`;

export function nameCollisions(cluster: readonly ResolvedTenant[], idAt: (t: ResolvedTenant) => Location): Diagnostic[] {
  const bySystem = new Map<string, Footprint[]>();
  const add = (group: string, f: Footprint) => {
    const all = bySystem.get(group);
    if (all) all.push(f);
    else bySystem.set(group, [f]);
  };
  for (const t of cluster) footprints(t, add);
  const out: Diagnostic[] = [];
  for (const [group, items] of bySystem) {
    const system = group.split(" ")[0]!;
    for (const [a, b] of collisions(items)) {
      const [atA, atB] = [idAt(a.tenant), idAt(b.tenant)];
      const say = (x: Footprint, y: Footprint, at: Location) =>
        error("name-collision", idAt(x.tenant), `${system}: tenant "${x.tenant.id}"'s ${describe(x)} and tenant "${y.tenant.id}"'s ${describe(y)} (${at.file}:${at.line}:${at.col}) meet under ${system}'s matching rules`, {
          path: "id",
          hint: `choose an id whose ${system} names cannot meet another tenant's on cluster "${x.tenant.cluster.name}"`,
        });
      out.push(say(a, b, atB), say(b, a, atA));
    }
  }
  return out;
}

/** Derived names longer than their system allows. */
export const NAME_LENGTHS = (t: ResolvedTenant): [string, string, number][] => [
  ["namespace", t.names.namespace, KUBERNETES.limits.namespace],
  ["Helm release", t.names.helmRelease("meilisearch"), KUBERNETES.limits.helmRelease],
  ["MySQL user", t.names.mysqlUser, MYSQL.limits.user],
  ["MySQL database", t.names.mysqlDatabase, MYSQL.limits.database],
  ["MongoDB database", t.names.mongodbDatabase, MONGODB.limits.database],
];
