// Every object in the tenant's namespace and labelled with tenant and fleet; cluster-scoped kinds are refused
// (the tenant's AppProject could not sync them anyway, and a render must never reach outside its namespace).
import { LABELS } from "../model/names";
import type { KubeObject } from "../render/objects";
import { PostRenderError, type Step } from "./types";

const CLUSTER_SCOPED = new Set([
  "ClusterRole",
  "ClusterRoleBinding",
  "CustomResourceDefinition",
  "PersistentVolume",
  "StorageClass",
  "PriorityClass",
  "MutatingWebhookConfiguration",
  "ValidatingWebhookConfiguration",
  "ClusterIssuer",
  "ClusterSecretStore",
]);

const POD_TEMPLATE_KINDS = new Set(["Deployment", "StatefulSet", "DaemonSet", "Job", "ReplicaSet"]);

/** Pod labels gain the tenant's own labels only: Tutor's labels are in selectors, which must not change. */
function podTemplateLabels(o: KubeObject, labels: Record<string, string>): KubeObject {
  const spec = o.spec as { template?: { metadata?: { labels?: Record<string, string> } } } | undefined;
  if (!POD_TEMPLATE_KINDS.has(o.kind) || !spec?.template) return o;
  const own = Object.fromEntries(Object.entries(labels).filter(([k]) => k !== LABELS.managedBy));
  const template = { ...spec.template, metadata: { ...spec.template.metadata, labels: { ...spec.template.metadata?.labels, ...own } } };
  return { ...o, spec: { ...spec, template } };
}

export const tenantScope: Step = (objects, ctx) => {
  const refused = objects.filter((o) => CLUSTER_SCOPED.has(o.kind)).map((o) => `${o.kind} ${o.metadata.name} is cluster-scoped; a tenant render may only hold namespaced objects`);
  if (refused.length > 0) throw new PostRenderError(refused);
  return objects.map((o) =>
    podTemplateLabels({ ...o, metadata: { ...o.metadata, namespace: ctx.namespace, labels: { ...o.metadata.labels, ...ctx.labels } } }, ctx.labels),
  );
};
