// Argo CD Application and AppProject builders shared by tenant and platform renderers.
import type { Platform } from "../schema/platform";
import { deepFreeze, type KubeObject } from "./objects";

export const SYNC_WAVE = "argocd.argoproj.io/sync-wave";
export const SYNC_OPTIONS = "argocd.argoproj.io/sync-options";
/** Objects holding data: never deleted or pruned by a sync without a human confirming. */
export const KEEP_DATA = "Delete=false,Prune=confirm";
export const RESOURCES_FINALIZER = "resources-finalizer.argocd.argoproj.io";

/**
 * How the fleet syncs (Argo CD v3.4; argocd/README.md has the runbook). A parent Application waits on the
 * health of its children only when its sync has more than one wave (gitops-engine `multiStep`): then it
 * applies a wave, waits until every object of it is Healthy (a Degraded one fails the sync) and goes on.
 * Child Applications have a health only through the `argoproj.io_Application` customization in
 * argocd/values.yaml (built in until 1.8, not since). So waves are used only where order matters, and no
 * parent holds children of two layers:
 *
 *   root (generated/argocd/, applied once by hand)       one wave: never waits on a layer
 *   ├─ platform--<cluster>   apps/platform/<cluster>/     waves: CRD owners and operators (0), monitoring,
 *   │                                                     which needs External Secrets (2), their users (5)
 *   ├─ platform-backups--<cluster>  apps/backups/<cluster>/   Velero alone: waits on nothing
 *   └─ platform-tenants--<cluster>  apps/tenants/<cluster>/   one wave of tenant roots: no tenant waits on another
 *        └─ <id>--root       apps/<id>.yaml               its project (-1), base (0), services (1), instance (10)
 *
 * Tenants do not wait on the platform either: their objects skip the dry run when a CRD is still missing,
 * and the sync retries without end (limit -1) at the newest revision (refresh) until the platform is up.
 */
/** Waves inside a tenant's root; the platform's are on each component (render/platform/component.ts). */
export const WAVES = { project: -1, tenantBase: 0, tenantInstance: 10 } as const;

/** Failed syncs retry forever with backoff, each retry at the newest revision: no revision is ever given up on. */
export const RETRY = { limit: -1, refresh: true, backoff: { duration: "30s", factor: 2, maxDuration: "5m" } } as const;

export interface ApplicationSpec {
  name: string;
  project: string;
  labels: Record<string, string>;
  /** Omitted: wave 0 and no annotation (children of a one-wave parent). */
  wave?: number;
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

// the same in every Application (thousands of them): made once, written, never changed.
// allowEmpty stays false: a blank render must never prune a whole tenant
const AUTOMATED = deepFreeze({ prune: true, selfHeal: true, allowEmpty: false });
const RETRY_POLICY = deepFreeze({ ...RETRY, backoff: { ...RETRY.backoff } });
const DEFAULT_SYNC_OPTIONS = ["CreateNamespace=false", "PruneLast=true"];
// and the whole sync policy of each list of sync options, when no namespace metadata is managed
const syncPolicies = new Map<string, Record<string, unknown>>();
function syncPolicyOf(spec: ApplicationSpec): Record<string, unknown> {
  const syncOptions = spec.syncOptions ?? DEFAULT_SYNC_OPTIONS;
  if (spec.managedNamespaceMetadata) return { automated: AUTOMATED, syncOptions, managedNamespaceMetadata: spec.managedNamespaceMetadata, retry: RETRY_POLICY };
  const key = syncOptions.join("\0");
  let policy = syncPolicies.get(key);
  if (!policy) syncPolicies.set(key, (policy = deepFreeze({ automated: AUTOMATED, syncOptions: [...syncOptions], retry: RETRY_POLICY })));
  return policy;
}

// each wave's annotation and the finalizer, shared by the Applications that have them
const waveAnnotations = new Map<number, Record<string, string>>();
function waveAnnotation(wave: number): Record<string, string> {
  let a = waveAnnotations.get(wave);
  if (!a) waveAnnotations.set(wave, (a = deepFreeze({ [SYNC_WAVE]: String(wave) })));
  return a;
}
const FINALIZERS = deepFreeze([RESOURCES_FINALIZER]);

export function application(platform: Platform, spec: ApplicationSpec): KubeObject {
  // optional members assigned, not spread in: the same members in the same order, without an object per spread
  const metadata: KubeObject["metadata"] = { name: spec.name, namespace: platform.argocd.namespace, labels: spec.labels };
  if (spec.wave !== undefined) metadata.annotations = waveAnnotation(spec.wave);
  if (spec.cascadeDelete) metadata.finalizers = FINALIZERS;
  const body: Record<string, unknown> = { project: spec.project, destination: spec.destination };
  if (Array.isArray(spec.source)) body.sources = spec.source;
  else body.source = spec.source;
  if (spec.ignoreDifferences) body.ignoreDifferences = spec.ignoreDifferences;
  body.syncPolicy = syncPolicyOf(spec);
  return { apiVersion: "argoproj.io/v1alpha1", kind: "Application", metadata, spec: body };
}

/** A source in this repository, at the revision Argo CD watches. */
export function repoSource(platform: Platform, path: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { repoURL: platform.repo.url, targetRevision: platform.repo.revision, path, ...extra };
}
