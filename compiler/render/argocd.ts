// Argo CD Application and AppProject builders shared by tenant and platform renderers.
import type { Platform } from "../schema/platform";
import type { KubeObject } from "./objects";

export const SYNC_WAVE = "argocd.argoproj.io/sync-wave";
export const SYNC_OPTIONS = "argocd.argoproj.io/sync-options";
/** Objects holding data: never deleted or pruned by a sync without a human confirming. */
export const KEEP_DATA = "Delete=false,Prune=confirm";
export const RESOURCES_FINALIZER = "resources-finalizer.argocd.argoproj.io";

/** Sync waves of the root app: projects before platform components before tenants. */
export const WAVES = { projects: -100, platform: -50, tenantBase: 0, tenantInstance: 10 } as const;

export interface ApplicationSpec {
  name: string;
  project: string;
  labels: Record<string, string>;
  wave: number;
  destination: { server: string; namespace?: string };
  /** One source, or several (a chart with its values file from this repository). */
  source: Record<string, unknown> | Record<string, unknown>[];
  /** Labels and annotations Argo CD puts on the namespace it creates (CreateNamespace=true). */
  managedNamespaceMetadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  /** Objects of this Application are deleted with it (workloads); off for data-bearing applications. */
  cascadeDelete: boolean;
  syncOptions?: string[];
  ignoreDifferences?: Record<string, unknown>[];
}

export function application(platform: Platform, spec: ApplicationSpec): KubeObject {
  return {
    apiVersion: "argoproj.io/v1alpha1",
    kind: "Application",
    metadata: {
      name: spec.name,
      namespace: platform.argocd.namespace,
      labels: spec.labels,
      annotations: { [SYNC_WAVE]: String(spec.wave) },
      ...(spec.cascadeDelete ? { finalizers: [RESOURCES_FINALIZER] } : {}),
    },
    spec: {
      project: spec.project,
      destination: spec.destination,
      ...(Array.isArray(spec.source) ? { sources: spec.source } : { source: spec.source }),
      ...(spec.ignoreDifferences ? { ignoreDifferences: spec.ignoreDifferences } : {}),
      syncPolicy: {
        // allowEmpty stays false: a blank render must never prune a whole tenant
        automated: { prune: true, selfHeal: true, allowEmpty: false },
        syncOptions: spec.syncOptions ?? ["CreateNamespace=false", "PruneLast=true"],
        ...(spec.managedNamespaceMetadata ? { managedNamespaceMetadata: spec.managedNamespaceMetadata } : {}),
        retry: { limit: 10, backoff: { duration: "30s", factor: 2, maxDuration: "10m" } },
      },
    },
  };
}

/** A source in this repository, at the revision Argo CD watches. */
export function repoSource(platform: Platform, path: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { repoURL: platform.repo.url, targetRevision: platform.repo.revision, path, ...extra };
}
