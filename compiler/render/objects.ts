// Kubernetes objects as plain data: common metadata, labels, and the fixed order objects are written in.
import type { V1ObjectMeta } from "@kubernetes/client-node";
import { LABELS, MANAGED_BY } from "../model/names";
import type { ResolvedTenant } from "../model/resolve";

/** Any object we emit; core kinds are typed with @kubernetes/client-node at their builders. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: V1ObjectMeta & { name: string };
  [field: string]: unknown;
}

/**
 * Freezes a value and every collection in it, for sub-objects many objects share: the YAML writer writes a
 * deeply frozen collection once per place and reuses its text (render/yaml.ts), and nothing can change it.
 */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object") {
    for (const k in value) deepFreeze(value[k]);
    Object.freeze(value);
  }
  return value;
}

export function fleetLabels(fleet: string): Record<string, string> {
  return { [LABELS.managedBy]: MANAGED_BY, [LABELS.fleet]: fleet };
}

const labelled = new WeakMap<ResolvedTenant, { fleet: string; labels: Readonly<Record<string, string>> }>();

/**
 * Labels every object of a tenant carries: who it belongs to and who pays for it. One frozen object per tenant,
 * shared by its objects (a few dozen): they are written, never changed.
 */
export function tenantLabels(t: ResolvedTenant, fleet: string): Readonly<Record<string, string>> {
  const hit = labelled.get(t);
  if (hit?.fleet === fleet) return hit.labels;
  const labels = Object.freeze(labelsOf(t, fleet));
  labelled.set(t, { fleet, labels });
  return labels;
}

function labelsOf(t: ResolvedTenant, fleet: string): Record<string, string> {
  // added to a new object, not spread into one: a spread with computed keys costs some 2 µs, tens of thousands of times
  const labels = fleetLabels(fleet);
  labels[LABELS.tenant] = t.id;
  if (t.labels.team) labels[LABELS.team] = t.labels.team;
  if (t.labels.costCentre) labels[LABELS.costCentre] = t.labels.costCentre;
  return labels;
}

// Namespaced policy first, then identities and config, then workloads, then routing (tanka's order).
const KIND_ORDER = [
  "CustomResourceDefinition",
  "Namespace",
  "AppProject",
  "Application",
  "ResourceQuota",
  "LimitRange",
  "NetworkPolicy",
  "PodDisruptionBudget",
  "ServiceAccount",
  "ClusterRole",
  "ClusterRoleBinding",
  "Role",
  "RoleBinding",
  "SecretStore",
  "ClusterSecretStore",
  "Password",
  "ExternalSecret",
  "Issuer",
  "Certificate",
  "Secret",
  "ConfigMap",
  "PersistentVolumeClaim",
  "Service",
  "Deployment",
  "StatefulSet",
  "Job",
  "CronJob",
  "HorizontalPodAutoscaler",
  "VerticalPodAutoscaler",
  "Ingress",
];
const KIND_RANK = new Map(KIND_ORDER.map((k, i) => [k, i]));

/** Sorts by kind order (unknown kinds after known ones, by name), then namespace, then name. */
export function sortObjects<T extends KubeObject>(objects: readonly T[]): T[] {
  // grouped by the rank of their kind first (in their order), then each group of more than one sorted (stably):
  // a tenant's few dozen objects are of some twenty kinds, so few comparisons remain
  const groups: T[][] = [];
  for (const o of objects) (groups[KIND_RANK.get(o.kind) ?? KIND_ORDER.length] ??= []).push(o);
  const sorted: T[] = [];
  for (const group of groups) {
    if (group === undefined) continue;
    if (group.length > 1) group.sort(byKindNamespaceName);
    for (const o of group) sorted.push(o);
  }
  return sorted;
}

function byKindNamespaceName(a: KubeObject, b: KubeObject): number {
  if (a.kind !== b.kind) return a.kind < b.kind ? -1 : 1;
  const nsa = a.metadata.namespace ?? "";
  const nsb = b.metadata.namespace ?? "";
  if (nsa !== nsb) return nsa < nsb ? -1 : 1;
  const na = a.metadata.name;
  const nb = b.metadata.name;
  return na === nb ? 0 : na < nb ? -1 : 1;
}
