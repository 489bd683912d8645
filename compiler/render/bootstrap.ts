// The platform side of Argo CD: the bootstrap (generated/argocd/bootstrap.yaml, applied once by hand) with
// the projects every root needs, the root app and one root per layer and cluster (the plan: render/argocd.ts).
import { PLATFORM_PROJECT, ROOT_APPLICATION } from "../model/names";
import type { Platform } from "../schema/platform";
import { application, repoSource } from "./argocd";
import { headerOf, yamlFile, type OutputFile } from "./files";
import { fleetLabels, type KubeObject } from "./objects";

export const IN_CLUSTER = "https://kubernetes.default.svc";
const SOURCE = "platform/platform.ts";
const BOOTSTRAP_DIR = "argocd";

/** The folders of Applications, one root each per cluster. */
export type Layer = "platform" | "backups" | "tenants";
export const layerDir = (layer: Layer, cluster: string) => `apps/${layer}/${cluster}`;
/** `platform--<c>`, `platform-backups--<c>`, `platform-tenants--<c>`: tenant ids cannot be `platform` or start with `platform-`. */
export const layerApplicationName = (layer: Layer, cluster: string) => (layer === "platform" ? `platform--${cluster}` : `platform-${layer}--${cluster}`);

/** Which layers each cluster has: platform and backups only with a component in them; tenants always. */
export type ClusterLayers = Record<string, { platform: boolean; backups: boolean }>;

/** An Application in the Argo CD namespace of this cluster that syncs other Argo CD objects from `path`. */
function appOfApps(platform: Platform, name: string, path: string, extra: Record<string, unknown>, cascadeDelete: boolean): KubeObject {
  return application(platform, {
    name,
    project: PLATFORM_PROJECT,
    labels: fleetLabels(platform.fleet),
    destination: { server: IN_CLUSTER, namespace: platform.argocd.namespace },
    source: repoSource(platform, path, extra),
    cascadeDelete,
    syncOptions: ["PruneLast=true"],
  });
}

/** Syncs generated/argocd/, itself included: the projects and the layer roots, all in one wave (it waits on none). */
export function rootApplication(platform: Platform): KubeObject {
  // deleting the root must not cascade into every tenant (no finalizer)
  return appOfApps(platform, ROOT_APPLICATION, `generated/${BOOTSTRAP_DIR}`, {}, false);
}

export function layerApplications(platform: Platform, layers: ClusterLayers): KubeObject[] {
  return Object.keys(layers)
    .sort()
    .flatMap((cluster) => {
      const on: Layer[] = [...(layers[cluster]!.platform ? (["platform"] as const) : []), ...(layers[cluster]!.backups ? (["backups"] as const) : []), "tenants"];
      // no finalizer: deleting a layer root leaves what it deployed running
      return on.map((layer) => appOfApps(platform, layerApplicationName(layer, cluster), `generated/${layerDir(layer, cluster)}`, {}, false));
    });
}

/** The project of the roots, platform components and each tenant's platform-owned objects. */
export function platformProject(platform: Platform, chartRepos: readonly string[] = []): KubeObject {
  const servers = [...new Set([IN_CLUSTER, ...Object.values(platform.clusters).map((c) => c.server)])].sort();
  return {
    apiVersion: "argoproj.io/v1alpha1",
    kind: "AppProject",
    metadata: { name: PLATFORM_PROJECT, namespace: platform.argocd.namespace, labels: fleetLabels(platform.fleet) },
    spec: {
      description: "Shared platform components and the platform-owned objects of every tenant (namespace, quota, policies, provisioning)",
      sourceRepos: [platform.repo.url, ...[...chartRepos].sort()],
      destinations: servers.map((server) => ({ server, namespace: "*" })),
      clusterResourceWhitelist: [{ group: "*", kind: "*" }],
    },
  };
}

/**
 * Argo CD's built-in `default` project permits everything; an Application that names no project lands in
 * it. Locked down, such an Application can deploy nothing: no source repository, no destination, no kind.
 */
export function defaultProject(platform: Platform): KubeObject {
  return {
    apiVersion: "argoproj.io/v1alpha1",
    kind: "AppProject",
    metadata: { name: "default", namespace: platform.argocd.namespace, labels: fleetLabels(platform.fleet) },
    spec: {
      description: "Locked: every Application of this fleet names its own project",
      sourceRepos: [],
      destinations: [],
      clusterResourceWhitelist: [],
      namespaceResourceBlacklist: [{ group: "*", kind: "*" }],
    },
  };
}

/** The one file applied by hand (argocd/README.md); the root then syncs its folder, this file included. */
const BOOTSTRAP_FILE = `${BOOTSTRAP_DIR}/bootstrap.yaml`;

/**
 * Everything the roots need, the projects included (sorted before the Applications), so that `kubectl apply
 * -f generated/argocd/bootstrap.yaml` leaves no Application naming a project that does not exist. A cluster
 * without tenants still gets its tenants root: its folder holds a README, so adding the first tenant of a
 * cluster changes only that tenant's files.
 */
export function renderBootstrap(platform: Platform, chartRepos: readonly string[], layers: ClusterLayers): OutputFile[] {
  return [
    yamlFile(BOOTSTRAP_FILE, SOURCE, [defaultProject(platform), platformProject(platform, chartRepos), rootApplication(platform), ...layerApplications(platform, layers)]),
    ...Object.keys(layers)
      .sort()
      .map((cluster) => ({
        path: `${layerDir("tenants", cluster)}/README.md`,
        content: `<!-- ${headerOf(SOURCE)} -->\nOne Argo CD Application per tenant of cluster \`${cluster}\` (\`<id>--root\`), synced by \`${layerApplicationName("tenants", cluster)}\`.\n`,
      })),
  ];
}
