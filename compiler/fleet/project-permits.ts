// What an Argo CD AppProject lets an Application deploy, evaluated the way Argo CD does: destinations
// and kinds match by glob (`*`, `?`, `!` to negate a destination); cluster-scoped kinds need the
// whitelist, namespaced kinds must escape the blacklist (and match the whitelist when there is one).

interface KindRule {
  group: string;
  kind: string;
}
export interface ProjectSpec {
  sourceRepos?: string[];
  destinations?: { server?: string; name?: string; namespace?: string }[];
  clusterResourceWhitelist?: KindRule[];
  clusterResourceBlacklist?: KindRule[];
  namespaceResourceWhitelist?: KindRule[];
  namespaceResourceBlacklist?: KindRule[];
}
export interface Target {
  repo: string;
  server: string;
  /** Empty for cluster-scoped kinds. */
  namespace: string;
  group: string;
  kind: string;
  clusterScoped: boolean;
}

const compiled = new Map<string, RegExp>();
function glob(pattern: string, value: string): boolean {
  if (!pattern.includes("*") && !pattern.includes("?")) return pattern === value;
  let re = compiled.get(pattern);
  if (!re) compiled.set(pattern, (re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`)));
  return re.test(value);
}
const matchesKind = (rules: KindRule[] | undefined, t: Target) => (rules ?? []).some((r) => glob(r.group, t.group) && glob(r.kind, t.kind));

function destinationPermitted(spec: ProjectSpec, t: Target): boolean {
  const dests = spec.destinations ?? [];
  const denied = dests.some((d) => (d.server?.startsWith("!") && glob(d.server.slice(1), t.server)) || (d.namespace?.startsWith("!") && glob(d.namespace.slice(1), t.namespace)));
  if (denied) return false;
  return dests.some((d) => !d.server?.startsWith("!") && !d.namespace?.startsWith("!") && glob(d.server ?? "", t.server) && (t.clusterScoped || glob(d.namespace ?? "", t.namespace)));
}

/** Whether the project admits the target; the reason when it does not. */
export function projectPermits(spec: ProjectSpec, t: Target): { ok: true } | { ok: false; reason: string } {
  if (!(spec.sourceRepos ?? []).some((r) => glob(r, t.repo))) return { ok: false, reason: `source repository ${t.repo} is not permitted` };
  if (!destinationPermitted(spec, t)) return { ok: false, reason: `destination ${t.server} namespace "${t.namespace}" is not permitted` };
  const kind = `${t.group || "core"}/${t.kind}`;
  if (t.clusterScoped) {
    if (!matchesKind(spec.clusterResourceWhitelist, t) || matchesKind(spec.clusterResourceBlacklist, t)) return { ok: false, reason: `cluster-scoped ${kind} is not permitted` };
    return { ok: true };
  }
  if (matchesKind(spec.namespaceResourceBlacklist, t)) return { ok: false, reason: `${kind} is denied` };
  if (spec.namespaceResourceWhitelist && !matchesKind(spec.namespaceResourceWhitelist, t)) return { ok: false, reason: `${kind} is not whitelisted` };
  return { ok: true };
}
