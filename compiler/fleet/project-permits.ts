// What an Argo CD AppProject lets an Application deploy, evaluated the way Argo CD does: destinations
// and kinds match by glob (`*`, `?`, `!` to negate a destination); cluster-scoped kinds need the
// whitelist, namespaced kinds must escape the blacklist (and match the whitelist when there is one).
import { memoByOwner } from "../memo";

interface KindRule {
  group: string;
  kind: string;
}
export interface ProjectSpec {
  sourceRepos?: string[];
  destinations?: { server?: string; name?: string; namespace?: string }[];
  clusterResourceWhitelist?: readonly KindRule[];
  clusterResourceBlacklist?: readonly KindRule[];
  namespaceResourceWhitelist?: readonly KindRule[];
  namespaceResourceBlacklist?: readonly KindRule[];
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
const matchAny = (rules: readonly KindRule[], t: Pick<Target, "group" | "kind">) => rules.some((r) => glob(r.group, t.group) && glob(r.kind, t.kind));

// verdicts on frozen lists of rules (every tenant project shares one): they cannot change, so each kind is matched once
const remembered = memoByOwner<readonly KindRule[], boolean>();
function matchesKind(rules: readonly KindRule[] | undefined, t: Pick<Target, "group" | "kind">): boolean {
  if (!rules || rules.length === 0) return false;
  if (!Object.isFrozen(rules)) return matchAny(rules, t);
  return remembered(rules, `${t.group}\0${t.kind}`, () => matchAny(rules, t));
}

function destinationPermitted(spec: ProjectSpec, t: Pick<Target, "server" | "namespace" | "clusterScoped">): boolean {
  const dests = spec.destinations ?? [];
  const denied = dests.some((d) => (d.server?.startsWith("!") && glob(d.server.slice(1), t.server)) || (d.namespace?.startsWith("!") && glob(d.namespace.slice(1), t.namespace)));
  if (denied) return false;
  return dests.some((d) => !d.server?.startsWith("!") && !d.namespace?.startsWith("!") && glob(d.server ?? "", t.server) && (t.clusterScoped || glob(d.namespace ?? "", t.namespace)));
}

const PERMITTED = Object.freeze({ ok: true as const });
export type Verdict = { ok: true } | { ok: false; reason: string };

/** Whether the project admits the target; the reason when it does not. */
export function projectPermits(spec: ProjectSpec, t: Target): Verdict {
  const place = placePermitted(spec, t);
  return place.ok ? kindPermitted(spec, t) : place;
}

/** The first half of projectPermits: the target's repository and destination (not its group and kind). */
export function placePermitted(spec: ProjectSpec, t: Pick<Target, "repo" | "server" | "namespace" | "clusterScoped">): Verdict {
  if (!(spec.sourceRepos ?? []).some((r) => glob(r, t.repo))) return { ok: false, reason: `source repository ${t.repo} is not permitted` };
  if (!destinationPermitted(spec, t)) return { ok: false, reason: `destination ${t.server} namespace "${t.namespace}" is not permitted` };
  return PERMITTED;
}

/** The second half of projectPermits: the target's group and kind (cluster-scoped or not), wherever it goes. */
export function kindPermitted(spec: ProjectSpec, t: Pick<Target, "group" | "kind" | "clusterScoped">): Verdict {
  const kind = () => `${t.group || "core"}/${t.kind}`;
  if (t.clusterScoped) {
    if (!matchesKind(spec.clusterResourceWhitelist, t) || matchesKind(spec.clusterResourceBlacklist, t)) return { ok: false, reason: `cluster-scoped ${kind()} is not permitted` };
    return PERMITTED;
  }
  if (matchesKind(spec.namespaceResourceBlacklist, t)) return { ok: false, reason: `${kind()} is denied` };
  if (spec.namespaceResourceWhitelist && !matchesKind(spec.namespaceResourceWhitelist, t)) return { ok: false, reason: `${kind()} is not whitelisted` };
  return PERMITTED;
}
