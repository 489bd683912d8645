// The platform side of Argo CD: the root app-of-apps and the platform project.
import { PLATFORM_PROJECT, ROOT_APPLICATION } from "../model/names";
import type { Platform } from "../schema/platform";
import { application, repoSource, WAVES } from "./argocd";
import { yamlFile, type OutputFile } from "./files";
import { fleetLabels, type KubeObject } from "./objects";

const IN_CLUSTER = "https://kubernetes.default.svc";

/** The one object applied by hand (see argocd/README.md); it then manages itself and everything else. */
export function rootApplication(platform: Platform): KubeObject {
  return application(platform, {
    name: ROOT_APPLICATION,
    project: PLATFORM_PROJECT,
    labels: fleetLabels(platform.fleet),
    wave: 0,
    destination: { server: IN_CLUSTER, namespace: platform.argocd.namespace },
    source: repoSource(platform, "generated", {
      directory: { recurse: true, include: "{argocd/*.yaml,projects/*.yaml,apps/*.yaml}" },
    }),
    // deleting the root must not cascade into every tenant
    cascadeDelete: false,
    syncOptions: ["PruneLast=true"],
  });
}

/** The project of platform components and of each tenant's platform-owned objects. */
export function platformProject(platform: Platform, chartRepos: readonly string[] = []): KubeObject {
  const servers = [...new Set([IN_CLUSTER, ...Object.values(platform.clusters).map((c) => c.server)])].sort();
  return {
    apiVersion: "argoproj.io/v1alpha1",
    kind: "AppProject",
    metadata: { name: PLATFORM_PROJECT, namespace: platform.argocd.namespace, labels: fleetLabels(platform.fleet), annotations: { "argocd.argoproj.io/sync-wave": String(WAVES.projects) } },
    spec: {
      description: "Shared platform components and the platform-owned objects of every tenant (namespace, quota, policies, provisioning)",
      sourceRepos: [platform.repo.url, ...[...chartRepos].sort()],
      destinations: servers.map((server) => ({ server, namespace: "*" })),
      clusterResourceWhitelist: [{ group: "*", kind: "*" }],
    },
  };
}

export function renderBootstrap(platform: Platform, chartRepos: readonly string[] = []): OutputFile[] {
  return [
    yamlFile("argocd/root.yaml", "platform/platform.ts", [rootApplication(platform)]),
    yamlFile("projects/platform.yaml", "platform/platform.ts", [platformProject(platform, chartRepos)]),
  ];
}
