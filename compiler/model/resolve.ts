// Applies the platform's catalogs and presets to a validated tenant: everything renderers need, computed once.
import type { Cluster, Platform } from "../schema/platform";
import { WORKLOADS, type WorkloadName, type WorkloadSize } from "../schema/size";
import type { Tenant } from "../schema/tenant";
import type { Locator } from "../source/locator";
import { fromCatalog } from "./catalog";
import { clusterSetup, type ResolvedComponents } from "./components";
import { mailOf, type ResolvedMail } from "./mail";
import { tenantNames, type TenantNames } from "./names";
import { storageOf, type ResolvedStorage } from "./storage";
import { memoByOwner } from "../memo";

export interface ResolvedTenant {
  id: string;
  state: Tenant["state"];
  wave: number;
  /** The cluster, with its shared components resolved (profile < platform < cluster). */
  cluster: { name: string; spec: Cluster; components: ResolvedComponents };
  names: TenantNames;
  release: { name: string; tutor: string; image: string };
  /** The image the instance runs: the tenant's override or the release's default. */
  image: string;
  hosts: { lms: string; cms: string; mfe: string; extra: string[] };
  platformName: string;
  contactEmail: string;
  language: string;
  size: { preset: string; workloads: Record<WorkloadName, WorkloadSize> };
  plugins: string[];
  services: Tenant["services"];
  labels: Tenant["labels"];
  /** Administrators' e-mail addresses, as written. */
  admins: string[];
  /** Comprehensive theme set on its hosts by a hook; none: the site's theme is left as it is. */
  theme?: string;
  /** Import the demo course; `ref` pins its revision, else the release's (Tutor's OPENEDX_COMMON_VERSION). */
  demoCourse?: { ref?: string };
  /** The relay its mail goes through; none when neither the tenant nor the platform declares one. */
  mail?: ResolvedMail;
  /** Its bucket and keys; none when neither its cluster nor the platform declares object storage. */
  storage?: ResolvedStorage;
  tutor: Tenant["tutor"];
  /** The tenant as written (defaults applied), for fleet.json and diffs. */
  input: Tenant;
  source: { file: string; locator: Locator };
}

export function clusterOf(platform: Platform, tenant: Pick<Tenant, "cluster">): string {
  return tenant.cluster ?? defaultCluster(platform);
}

export function defaultCluster(platform: Platform): string {
  return platform.defaultCluster ?? Object.keys(platform.clusters).sort()[0]!;
}

/** Allowed base domains for a cluster: its own list, or the platform's. */
export function domainsOf(platform: Platform, cluster: string): string[] {
  return fromCatalog(platform.clusters, cluster)?.domains ?? platform.domains;
}

export function resolveTenant(tenant: Tenant, platform: Platform, source: ResolvedTenant["source"]): ResolvedTenant {
  const clusterName = clusterOf(platform, tenant);
  const release = releaseOf(platform, tenant.release);
  const image = tenant.image ? `${tenant.image.registry}/${tenant.image.repository}:${tenant.image.tag}` : release.image;
  const resolved: ResolvedTenant = {
    id: tenant.id,
    state: tenant.state,
    wave: tenant.wave,
    cluster: clusterEntry(platform, clusterName),
    names: tenantNames(tenant.id),
    release,
    image,
    hosts: {
      lms: tenant.hosts.lms,
      cms: tenant.hosts.cms ?? `studio.${tenant.hosts.lms}`,
      mfe: tenant.hosts.mfe ?? `apps.${tenant.hosts.lms}`,
      extra: [...tenant.hosts.extra].sort(),
    },
    platformName: tenant.platformName,
    contactEmail: tenant.contactEmail,
    language: tenant.language,
    size: resolveSize(tenant.size, platform),
    plugins: [...new Set(tenant.plugins)].sort(),
    services: tenant.services,
    labels: tenant.labels,
    admins: tenant.admins,
  } as ResolvedTenant;
  // the optional members assigned, not spread in: the same members in the same order, without an object per spread
  if (tenant.theme !== undefined) resolved.theme = tenant.theme;
  if (tenant.demoCourse !== false) resolved.demoCourse = tenant.demoCourse === true ? {} : { ref: tenant.demoCourse.ref };
  const mail = mailOf(tenant, platform, clusterName);
  if (mail) resolved.mail = mail;
  const storage = storageOf(tenant.id, platform, clusterName);
  if (storage) resolved.storage = storage;
  resolved.tutor = tenant.tutor;
  resolved.input = tenant;
  resolved.source = source;
  return resolved;
}

// a release and a cluster as tenants see them, the same for all of theirs: made once per platform (only read)
const releases = memoByOwner<Platform, ResolvedTenant["release"]>();
const releaseOf = (platform: Platform, name: string) => releases(platform, name, () => Object.freeze({ name, ...fromCatalog(platform.releases, name)! }));
const clusters = memoByOwner<Platform, ResolvedTenant["cluster"]>();
const clusterEntry = (platform: Platform, name: string) =>
  clusters(platform, name, () => Object.freeze({ name, spec: fromCatalog(platform.clusters, name)!, components: clusterSetup(platform, name).components }));

/** Every host a tenant answers on. */
export function allHosts(t: Pick<ResolvedTenant, "hosts">): string[] {
  return [t.hosts.lms, t.hosts.cms, t.hosts.mfe, ...t.hosts.extra];
}

// a preset named alone resolves the same for every tenant using it: once per platform (renderers only read it)
const presets = memoByOwner<Platform, ResolvedTenant["size"]>();

function resolveSize(size: Tenant["size"], platform: Platform): ResolvedTenant["size"] {
  if (typeof size !== "string") return applySize(size, platform);
  return presets(platform, size, () => applySize(size, platform));
}

function applySize(size: Tenant["size"], platform: Platform): ResolvedTenant["size"] {
  const spec = typeof size === "string" ? { preset: size } : size;
  const preset = fromCatalog(platform.sizes, spec.preset)!;
  const workloads = {} as Record<WorkloadName, WorkloadSize>;
  for (const w of WORKLOADS) {
    const base = preset[w];
    const o = (spec as Partial<Record<WorkloadName, { requests?: object; limits?: object; replicas?: object }>>)[w];
    workloads[w] = {
      requests: { ...base.requests, ...o?.requests },
      limits: { ...base.limits, ...o?.limits },
      replicas: { ...base.replicas, ...o?.replicas },
    } as WorkloadSize;
  }
  return { preset: spec.preset, workloads };
}
