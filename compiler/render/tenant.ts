// Everything compiled for one tenant: its Argo CD objects, Tutor config and own Kubernetes objects.
import type { V1Namespace } from "@kubernetes/client-node";
import { PLATFORM_PROJECT } from "../model/names";
import { STORAGE_SERVICE_ACCOUNT } from "../model/storage";
import { podSecurityLabels, podSecurityLevel } from "../model/pod-security";
import type { ResolvedTenant } from "../model/resolve";
import type { Platform } from "../schema/platform";
import { application, KEEP_DATA, repoSource, SYNC_OPTIONS, SYNC_WAVE, WAVES } from "./argocd";
import { IN_CLUSTER, layerDir } from "./bootstrap";
import { tenantLabels, type KubeObject } from "./objects";
import { tenantIngress } from "./tenant/ingress";
import { maintenancePage } from "./tenant/maintenance";
import { networkPolicies } from "./tenant/network-policies";
import { namespaceResourceBlacklist } from "./tenant/project-policy";
import { quotaAndLimits } from "./tenant/quota";
import { tutorConfig } from "./tutor-config";
import { jsonFile, yamlFile, type OutputFile } from "./files";
import { DATA_RESOURCES } from "./tenant/data/index";
import { dedicatedServiceFiles, dedicatedServicesApplication } from "./tenant/data/dedicated";
import { mailCredentials, pullSecretsOf, registryCredentials, storageCredentials } from "./tenant/credentials";
import { tenantSecrets } from "./tenant/secrets";
import { FLEET_PLUGINS_DIR } from "./tenant/tutor-plugin";
import { tenantVpas } from "./tenant/vpa";

/** Name of the Argo CD Config Management Plugin that renders a Tutor config of this major version. */
export function tutorPluginName(tutorVersion: string): string {
  let name = pluginNames.get(tutorVersion);
  if (name === undefined) pluginNames.set(tutorVersion, (name = `tutor-v${tutorVersion.split(".")[0]}`));
  return name;
}
const pluginNames = new Map<string, string>();

export const tenantDir = (id: string) => `tenants/${id}`;
/** The tenant's own Kubernetes objects, synced by its base Application from the folder holding them. */
export const tenantObjectsFile = (id: string) => `${tenantDir(id)}/resources/objects.yaml`;

export function tenantApplications(t: ResolvedTenant, platform: Platform): KubeObject[] {
  const labels = tenantLabels(t, platform.fleet);
  const destination = { server: t.cluster.spec.server, namespace: t.names.namespace };
  const base = application(platform, {
    name: t.names.baseApplication,
    project: PLATFORM_PROJECT,
    labels,
    wave: WAVES.tenantBase,
    destination,
    source: repoSource(platform, `generated/${tenantDir(t.id)}/resources`, { directory: { recurse: true } }),
    // the namespace, its secrets and data stay when this Application goes
    cascadeDelete: false,
    // on a new cluster its ExternalSecrets, VPAs and database CRs may come before the platform's CRDs: they
    // fail, the rest of their wave is applied, and the sync retries (render/argocd.ts); a dry run would refuse all
    syncOptions: ["SkipDryRunOnMissingResource=true", "PruneLast=true"],
  });
  const services = dedicatedServicesApplication(t, platform);
  if (t.state === "archived") return [base, ...services];
  const instance = application(platform, {
    name: t.names.application,
    project: t.names.project,
    labels,
    wave: WAVES.tenantInstance,
    destination,
    source: repoSource(platform, `generated/${tenantDir(t.id)}`, {
      plugin: { name: tutorPluginName(t.release.tutor), env: [{ name: "TENANT", value: t.id }] },
    }),
    cascadeDelete: true,
  });
  return [base, ...services, instance];
}

/** The tenant's Argo CD objects (project and Applications): one file, synced by the tenant's root. */
export const tenantAppsFile = (id: string) => `apps/${id}.yaml`;

/**
 * The tenant's app-of-apps, one per tenant in its cluster's tenants root (which never waits on it): it
 * syncs apps/<id>.yaml in waves, so its project exists before its Applications and its base (namespace,
 * secrets, databases) is Healthy before its instance. Deleting it (the tenant's file removed) deletes those
 * Applications: the instance cascades into its workloads, the base and services keep the data.
 */
export function tenantRootApplication(t: ResolvedTenant, platform: Platform): KubeObject {
  return application(platform, {
    name: t.names.rootApplication,
    project: PLATFORM_PROJECT,
    labels: tenantLabels(t, platform.fleet),
    destination: { server: IN_CLUSTER, namespace: platform.argocd.namespace },
    source: repoSource(platform, "generated/apps", { directory: { include: `${t.id}.yaml` } }),
    cascadeDelete: true,
    syncOptions: ["PruneLast=true"],
  });
}

const NO_KINDS: readonly never[] = Object.freeze([]);
const PROJECT_WAVE = Object.freeze({ [SYNC_WAVE]: String(WAVES.project) });
// the fleet's repository, the one source of every tenant project
const sourceRepos = new WeakMap<Platform, readonly string[]>();
function sourceReposOf(platform: Platform): string[] {
  let repos = sourceRepos.get(platform);
  if (!repos) sourceRepos.set(platform, (repos = Object.freeze([platform.repo.url])));
  return repos as string[];
}

export function tenantProject(t: ResolvedTenant, platform: Platform): KubeObject {
  return {
    apiVersion: "argoproj.io/v1alpha1",
    kind: "AppProject",
    metadata: { name: t.names.project, namespace: platform.argocd.namespace, labels: tenantLabels(t, platform.fleet), annotations: PROJECT_WAVE },
    spec: {
      description: `Open edX tenant ${t.id}: may deploy only into namespace ${t.names.namespace} of cluster ${t.cluster.name}`,
      sourceRepos: sourceReposOf(platform),
      destinations: [{ server: t.cluster.spec.server, namespace: t.names.namespace }],
      // no cluster-scoped kinds at all (one frozen list: the output rules probe it once)
      clusterResourceWhitelist: NO_KINDS,
      // what isolates the tenant belongs to the platform side (reasons in render/tenant/project-policy.ts)
      namespaceResourceBlacklist: namespaceResourceBlacklist(),
    },
  };
}

const KEEP_NAMESPACE = Object.freeze({ [SYNC_OPTIONS]: KEEP_DATA });

export function tenantNamespace(t: ResolvedTenant, platform: Platform): V1Namespace & KubeObject {
  return {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: {
      name: t.names.namespace,
      labels: { ...tenantLabels(t, platform.fleet), ...podSecurityLabels(podSecurityLevel(t.services)) },
      annotations: KEEP_NAMESPACE,
    },
  };
}

/**
 * The tenant's own Kubernetes objects, synced by its base Application from generated/tenants/<id>/resources/:
 * one renderer per concern, all written to resources/objects.yaml.
 */
export type ResourceRenderer = (t: ResolvedTenant, platform: Platform) => KubeObject[];
export const TENANT_RESOURCES: Record<string, ResourceRenderer> = {
  namespace: (t, p) => [tenantNamespace(t, p)],
  "network-policies": networkPolicies,
  quota: quotaAndLimits,
  ingress: tenantIngress,
  maintenance: maintenancePage,
  secrets: tenantSecrets,
  mail: mailCredentials,
  registries: registryCredentials,
  "storage-keys": storageCredentials,
  ...DATA_RESOURCES,
  vpa: tenantVpas,
};

interface Rendered {
  platform: Platform;
  resources?: Record<string, KubeObject[]>;
  objects?: KubeObject[];
  argo?: { project: KubeObject; applications: KubeObject[] };
}
const rendered = new WeakMap<ResolvedTenant, Rendered>();

function renderedOf(t: ResolvedTenant, platform: Platform): Rendered {
  let hit = rendered.get(t);
  if (hit?.platform !== platform) rendered.set(t, (hit = { platform }));
  return hit;
}

/** The tenant's resources by file name, rendered once per build: the files and the output rules share them. */
export function tenantResources(t: ResolvedTenant, platform: Platform): Record<string, KubeObject[]> {
  const hit = renderedOf(t, platform);
  if (!hit.resources) {
    const resources: Record<string, KubeObject[]> = {};
    for (const name in TENANT_RESOURCES) resources[name] = TENANT_RESOURCES[name]!(t, platform);
    hit.resources = resources;
  }
  return hit.resources;
}

/** All of the tenant's resources in one list (resources/objects.yaml), made once for the file and the rules. */
export function tenantObjects(t: ResolvedTenant, platform: Platform): KubeObject[] {
  const hit = renderedOf(t, platform);
  if (!hit.objects) {
    // pushed one by one: Array.prototype.flat is a slow generic path for a few dozen objects
    const objects: KubeObject[] = [];
    const resources = tenantResources(t, platform);
    for (const name in resources) for (const o of resources[name]!) objects.push(o);
    hit.objects = objects;
  }
  return hit.objects;
}

/** The tenant's project and Applications, built once for apps/<id>.yaml and the output rules. */
export function tenantArgoObjects(t: ResolvedTenant, platform: Platform): { project: KubeObject; applications: KubeObject[] } {
  const hit = renderedOf(t, platform);
  return (hit.argo ??= { project: tenantProject(t, platform), applications: tenantApplications(t, platform) });
}

/** Drops the tenant's rendered objects once its files are written and checked (a large fleet's objects add up). */
export const releaseResources = (t: ResolvedTenant) => void rendered.delete(t);

/** What post-render needs beside Tutor's output (read by `render`/`postrender` from the tenant folder). */
export function renderContext(t: ResolvedTenant, platform: Platform) {
  // the fleet's Tutor plugins, relative to the tenant folder (Argo CD hands the plugin the whole repository)
  const tutorPlugins = `${"../".repeat(tenantDir(t.id).split("/").length)}${FLEET_PLUGINS_DIR}`;
  const consolidation = t.cluster.components.karpenter.enabled;
  const imagePullSecrets = pullSecretsOf(t, platform);
  // Tutor's settheme sets the LMS and Studio hosts; the MFEs' host is the tenant's too
  const theme = t.theme === undefined ? {} : { theme: { name: t.theme, domains: [t.hosts.lms, t.hosts.cms, t.hosts.mfe] } };
  const demoCourse = t.demoCourse ? { demoCourse: t.demoCourse } : {};
  const serviceAccount = t.storage?.roleArn ? { serviceAccount: STORAGE_SERVICE_ACCOUNT } : {};
  return { tenant: t.id, namespace: t.names.namespace, labels: tenantLabels(t, platform.fleet), size: t.size, consolidation, imagePullSecrets, ...serviceAccount, admins: t.admins, ...theme, ...demoCourse, tutorPlugins };
}

/** The files of one tenant, paths relative to generated/. */
export function renderTenant(t: ResolvedTenant, platform: Platform): OutputFile[] {
  const src = t.source.file;
  const dir = tenantDir(t.id);
  const { project, applications } = tenantArgoObjects(t, platform);
  const files = [
    yamlFile(tenantAppsFile(t.id), src, [project, ...applications]),
    yamlFile(`${layerDir("tenants", t.cluster.name)}/${t.id}.yaml`, src, [tenantRootApplication(t, platform)]),
    yamlFile(`${dir}/config.yml`, src, tutorConfig(t), { plain: true }),
    jsonFile(`${dir}/render.json`, src, renderContext(t, platform)),
  ];
  files.push(...dedicatedServiceFiles(t, platform));
  // one file, sorted by kind, namespace and name: a fleet's files are fewer by two thirds (git, Argo CD and
  // every compile read them all), and the review shows each object's change all the same
  const objects = tenantObjects(t, platform);
  if (objects.length > 0) files.push(yamlFile(tenantObjectsFile(t.id), src, objects));
  return files;
}
