// Rules over the rendered objects (part of compile and `npm run check`): every tenant's Applications in
// the right project, its project scoped to its namespace, its objects inside it, data guarded, the
// isolation objects present, and the quotas of each cluster within its declared capacity (capacity-rules.ts).
import { error, type Diagnostic } from "../diagnostics";
import type { Source } from "../load";
import { CREDENTIALS_NAMESPACE } from "../model/credentials";
import { isDataBearing } from "../model/data-bearing";
import { DATA_SERVICES, SHARED_SERVICES } from "../model/data-services";
import { LABELS, PLATFORM_PROJECT } from "../model/names";
import { podSpecOf, restrictedViolations } from "../model/pod-security";
import type { ResolvedTenant } from "../model/resolve";
import { KEEP_DATA, RESOURCES_FINALIZER, SYNC_OPTIONS } from "../render/argocd";
import type { KubeObject } from "../render/objects";
import { tenantArgoObjects, tenantObjects } from "../render/tenant";
import { servicesApplicationName } from "../render/tenant/data/dedicated";
import { TENANT_DENIED_KINDS } from "../render/tenant/project-policy";
import type { Platform } from "../schema/platform";
import { quotasFitCapacity } from "./capacity-rules";
import { externalServicesReachable } from "./egress-rules";
import { kindPermitted, placePermitted, projectPermits, type ProjectSpec, type Target, type Verdict } from "./project-permits";

export interface TenantOutput {
  tenant: ResolvedTenant;
  applications: KubeObject[];
  project: KubeObject;
  /** Objects synced by the base Application (generated/tenants/<id>/resources/). */
  resources: KubeObject[];
}
export interface OutputContext {
  platform: Source<Platform>;
  tenants: readonly ResolvedTenant[];
}
type TenantRule = (o: TenantOutput, platform: Platform) => Diagnostic[];
export type FleetRule = (ctx: OutputContext) => Diagnostic[];

/** The same objects renderTenant writes, as data. */
export function tenantOutput(t: ResolvedTenant, platform: Platform): TenantOutput {
  const { project, applications } = tenantArgoObjects(t, platform);
  return { tenant: t, applications, project, resources: tenantObjects(t, platform) };
}

const at = (t: ResolvedTenant) => t.source.locator.value(["id"]);
const bug = "this is a bug in a renderer of the compiler: please report it";
const spec = (o: KubeObject) => (o.spec ?? {}) as Record<string, any>;

const applicationsInOwnProject: TenantRule = ({ tenant: t, applications }) =>
  applications.flatMap((app) => {
    const s = spec(app);
    const platformSide = [t.names.baseApplication, servicesApplicationName(t.id)];
    const expected = app.metadata.name === t.names.application ? t.names.project : platformSide.includes(app.metadata.name) ? PLATFORM_PROJECT : undefined;
    const out: Diagnostic[] = [];
    if (s.project !== expected) out.push(error("app-project", at(t), `Application ${app.metadata.name} is in project "${s.project}", expected "${expected ?? "none: unknown Application"}"`, { hint: bug }));
    if (s.destination?.namespace !== t.names.namespace || s.destination?.server !== t.cluster.spec.server) {
      out.push(error("app-project", at(t), `Application ${app.metadata.name} targets ${s.destination?.server} namespace ${s.destination?.namespace}, not the tenant's own`, { hint: bug }));
    }
    return out;
  });

/** The instance keeps its finalizer (its workloads go with it); the platform-side ones have none (their data stays). */
const applicationsKeepData: TenantRule = ({ tenant: t, applications }) =>
  applications.flatMap((app) => {
    const finalized = (app.metadata.finalizers ?? []).includes(RESOURCES_FINALIZER);
    const out: Diagnostic[] = [];
    if (app.metadata.name !== t.names.application && finalized) out.push(error("app-sync-policy", at(t), `Application ${app.metadata.name} would delete the tenant's data with it (finalizer)`, { hint: bug }));
    if (app.metadata.name === t.names.application && !finalized) out.push(error("app-sync-policy", at(t), `Application ${app.metadata.name} would leave orphaned workloads (no finalizer)`, { hint: bug }));
    if (spec(app).syncPolicy?.automated?.allowEmpty !== false) out.push(error("app-sync-policy", at(t), `Application ${app.metadata.name} allows an empty sync to prune everything`, { hint: bug }));
    return out;
  });

// kinds a tenant project must refuse, the same for every tenant: built once
const CLUSTER_KINDS = ["Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition"].map((kind) => ({
  what: `cluster-scoped ${kind}`,
  target: { group: kind.startsWith("Cluster") ? "rbac.authorization.k8s.io" : "", kind, clusterScoped: true },
}));
const DENIED_KINDS = TENANT_DENIED_KINDS.map((d) => ({ what: `${d.group || "core"}/${d.kind}`, target: { group: d.group, kind: d.kind === "*" ? "AnyKind" : d.kind, clusterScoped: false } }));

interface KindProbes {
  /** The verdict on the tenant's own workloads' kind. */
  own: Verdict;
  /** What of CLUSTER_KINDS and of DENIED_KINDS the project's kind lists permit. */
  cluster: string[];
  denied: string[];
}
const OWN_KIND = { group: "apps", kind: "Deployment", clusterScoped: false };
const probeKinds = (p: ProjectSpec): KindProbes => ({
  own: kindPermitted(p, OWN_KIND),
  cluster: CLUSTER_KINDS.filter(({ target }) => kindPermitted(p, target).ok).map((k) => k.what),
  denied: DENIED_KINDS.filter(({ target }) => kindPermitted(p, target).ok).map((k) => k.what),
});
// the kind probes read the project's kind lists alone: every tenant project has the same two frozen ones (no
// cluster-scoped kind, the platform's kinds denied), so they are probed once, not for each tenant
const probedKinds = new WeakMap<object, WeakMap<object, KindProbes>>();
function kindProbes(p: ProjectSpec): KindProbes {
  const whitelist = p.clusterResourceWhitelist;
  const blacklist = p.namespaceResourceBlacklist;
  const shared = whitelist && blacklist && Object.isFrozen(whitelist) && Object.isFrozen(blacklist) && !p.clusterResourceBlacklist && !p.namespaceResourceWhitelist;
  if (!shared) return probeKinds(p);
  let byBlacklist = probedKinds.get(whitelist);
  if (!byBlacklist) probedKinds.set(whitelist, (byBlacklist = new WeakMap()));
  let probes = byBlacklist.get(blacklist);
  if (!probes) byBlacklist.set(blacklist, (probes = probeKinds(p)));
  return probes;
}

/**
 * Probes the project with what it must admit and what it must refuse. A probe is permitted when its place
 * (repository, destination) and its kind are (project-permits.ts): the probes of other kinds share their place,
 * so it is decided once for them.
 */
const projectScoped: TenantRule = ({ tenant: t, project }, platform) => {
  const p = spec(project) as ProjectSpec;
  const own: Target = { repo: platform.repo.url, server: t.cluster.spec.server, namespace: t.names.namespace, group: "apps", kind: "Deployment", clusterScoped: false };
  const out: Diagnostic[] = [];
  const permits = (what: string) => out.push(error("project-scope", at(t), `project ${t.names.project} permits ${what}`, { hint: bug }));
  const ownPlace = placePermitted(p, own);
  const kinds = kindProbes(p);
  const verdict = ownPlace.ok ? kinds.own : ownPlace;
  if (!verdict.ok) out.push(error("project-scope", at(t), `project ${t.names.project} refuses the tenant's own workloads: ${verdict.reason}`, { hint: bug }));
  if (projectPermits(p, { ...own, repo: "https://example.invalid/other.git" }).ok) permits("another repository");
  if (projectPermits(p, { ...own, server: "https://other-cluster.invalid" }).ok) permits("another cluster");
  for (const ns of ["default", "kube-system", platform.argocd.namespace, `${t.names.namespace}-other`]) if (projectPermits(p, { ...own, namespace: ns }).ok) permits(`namespace ${ns}`);
  // cluster-scoped kinds: the tenant's repository and cluster, no namespace
  const clusterPlace = placePermitted(p, { ...own, namespace: "", clusterScoped: true }).ok;
  if (clusterPlace) for (const what of kinds.cluster) permits(what);
  // namespaced kinds the platform keeps: the tenant's own place
  if (ownPlace.ok) for (const what of kinds.denied) permits(what);
  return out;
};

const CLUSTER_SCOPED = new Set(["Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "ClusterSecretStore", "ClusterIssuer", "StorageClass", "PersistentVolume", "PriorityClass", "IngressClass", "ClusterExternalSecret", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration"]);

/**
 * The tenant's objects lie in its namespace, or (provisioning on the platform side: database users,
 * credential copies) in the namespace of a shared service it uses, labelled as the tenant's. The one
 * cluster-scoped kind allowed besides its Namespace is a ClusterSecretStore usable from its namespace alone.
 */
const objectsInNamespace: TenantRule = ({ tenant: t, resources }) => {
  // the home namespace of each shared service, also when the service itself answers outside the cluster
  const shared = new Set<string>(DATA_SERVICES.filter((s) => t.services[s] === "shared").map((s) => SHARED_SERVICES[s].namespace));
  const out: Diagnostic[] = [];
  for (const o of resources) {
    const ns = o.metadata.namespace;
    const own = o.metadata.labels?.[LABELS.tenant] === t.id;
    if (o.kind === "Namespace") {
      if (o.metadata.name !== t.names.namespace) out.push(error("object-namespace", at(t), `Namespace ${o.metadata.name} is not the tenant's ${t.names.namespace}`, { hint: bug }));
      continue;
    }
    if (CLUSTER_SCOPED.has(o.kind)) {
      const conditions = (spec(o).conditions ?? []) as { namespaces?: string[] }[];
      const scoped = o.kind === "ClusterSecretStore" && own && conditions.length > 0 && conditions.every((c) => c.namespaces?.length === 1 && c.namespaces[0] === t.names.namespace);
      if (!scoped) out.push(error("object-namespace", at(t), `${o.kind} ${o.metadata.name} is cluster-scoped: a tenant owns only its namespace`, { hint: bug }));
      continue;
    }
    if (ns === undefined || ns === t.names.namespace || (shared.has(ns) && own)) continue;
    // on MinIO the tenant's own storage keys (and the Job that opens its bucket with them) live with the credentials
    if (ns === CREDENTIALS_NAMESPACE && own && t.storage?.spec.provider === "minio" && o.metadata.name === t.storage.credentialsSecret) continue;
    out.push(error("object-namespace", at(t), `${o.kind} ${o.metadata.name} lies in namespace ${ns}, outside the tenant's ${t.names.namespace} and the shared services it uses`, { hint: bug }));
  }
  return out;
};

const KEEP_DATA_OPTIONS = KEEP_DATA.split(",");
const guarded = (o: KubeObject) => {
  const opts = o.metadata.annotations?.[SYNC_OPTIONS];
  // the usual case, the very value, without a split
  if (opts === KEEP_DATA) return true;
  const list = (opts ?? "").split(",");
  return KEEP_DATA_OPTIONS.every((x) => list.includes(x));
};

const dataGuarded: TenantRule = ({ tenant: t, resources }) => {
  const out: Diagnostic[] = [];
  for (const o of resources) {
    if (isDataBearing(o) && !guarded(o)) out.push(error("data-unguarded", at(t), `${o.kind} ${o.metadata.name} holds data but lacks ${SYNC_OPTIONS}: ${KEEP_DATA}`, { hint: bug }));
  }
  return out;
};

const isolationPresent: TenantRule = ({ tenant: t, resources }) => {
  const deny = resources.find((o) => o.kind === "NetworkPolicy" && Object.keys(spec(o).podSelector ?? { x: 1 }).length === 0 && !spec(o).ingress && !spec(o).egress);
  const out: Diagnostic[] = [];
  if (!deny || !["Ingress", "Egress"].every((p) => (spec(deny).policyTypes ?? []).includes(p))) out.push(error("isolation-missing", at(t), `namespace ${t.names.namespace} has no default-deny NetworkPolicy for ingress and egress`, { hint: bug }));
  for (const kind of ["ResourceQuota", "LimitRange"]) if (!resources.some((o) => o.kind === kind)) out.push(error("isolation-missing", at(t), `namespace ${t.names.namespace} has no ${kind}`, { hint: bug }));
  return out;
};

const podsRestricted: TenantRule = ({ tenant: t, resources }) => {
  const out: Diagnostic[] = [];
  for (const o of resources) {
    const pod = podSpecOf(o);
    if (pod) for (const v of restrictedViolations(pod)) out.push(error("pod-security", at(t), `${o.kind} ${o.metadata.name} breaks Pod Security "restricted": ${v}`, { hint: bug }));
  }
  return out;
};

export const TENANT_OUTPUT_RULES: readonly TenantRule[] = [applicationsInOwnProject, applicationsKeepData, projectScoped, objectsInNamespace, dataGuarded, isolationPresent, podsRestricted];
export const FLEET_OUTPUT_RULES: readonly FleetRule[] = [quotasFitCapacity, externalServicesReachable];

/** Tenant rules over the tenants `rendered` in this build (all by default); fleet rules over every tenant. */
export function checkOutput(platform: Source<Platform>, tenants: readonly ResolvedTenant[], rendered: readonly ResolvedTenant[] = tenants): Diagnostic[] {
  return [...rendered.flatMap((t) => checkTenantOutput(t, platform.value)), ...checkFleetOutput(platform, tenants)];
}

/** The rules over one tenant's rendered objects. */
export function checkTenantOutput(t: ResolvedTenant, platform: Platform): Diagnostic[] {
  const o = tenantOutput(t, platform);
  // a loop, not flatMap: most rules find nothing, and a thousand tenants ask
  const out: Diagnostic[] = [];
  for (const rule of TENANT_OUTPUT_RULES) {
    const found = rule(o, platform);
    for (const d of found) out.push(d);
  }
  return out;
}

/** The rules over the whole fleet's output. */
export const checkFleetOutput = (platform: Source<Platform>, tenants: readonly ResolvedTenant[]): Diagnostic[] =>
  FLEET_OUTPUT_RULES.flatMap((rule) => rule({ platform, tenants }));
