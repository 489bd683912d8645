// Post-render step for Tutor's output: each Open edX Deployment gets the requests, limits and replicas of
// the tenant's resolved size, and each autoscaler its bounds. Tutor itself sets only a 2Gi memory request
// on lms and cms; the namespace's quota (render/tenant/quota.ts) is computed from the size, so the pods
// must ask for exactly that.
import type { ResolvedTenant } from "../model/resolve";
import type { KubeObject } from "../render/objects";
import type { WorkloadName } from "../schema/size";
import type { Step } from "./types";

/** Tutor's Deployment (and main container) name of each sized workload. */
export const TUTOR_DEPLOYMENTS: Record<string, WorkloadName> = {
  lms: "lms",
  cms: "cms",
  "lms-worker": "lmsWorker",
  "cms-worker": "cmsWorker",
  mfe: "mfe",
  caddy: "caddy",
};

export function applyWorkloadSize<T extends KubeObject>(object: T, size: ResolvedTenant["size"]): T {
  const workload = object.kind === "Deployment" ? TUTOR_DEPLOYMENTS[object.metadata.name] : undefined;
  if (!workload) return object;
  const s = size.workloads[workload];
  const copy = structuredClone(object);
  const containers = ((copy.spec as { template?: { spec?: { containers?: { name?: string; resources?: unknown }[] } } })?.template?.spec?.containers ?? []).filter(
    (c) => c.name === object.metadata.name,
  );
  for (const c of containers) {
    c.resources = { requests: { ...s.requests }, limits: { memory: s.limits.memory, ...(s.limits.cpu ? { cpu: s.limits.cpu } : {}) } };
  }
  return copy;
}

type Replicated = { spec?: { replicas?: number; scaleTargetRef?: { kind?: string; name?: string }; minReplicas?: number; maxReplicas?: number } };

/**
 * The size of every sized Deployment, and its replicas: an autoscaler's bounds when one targets it (the
 * Deployment then carries no replica count, so Argo CD never fights the autoscaler), else the size's minimum.
 */
export const sizeWorkloads: Step = (objects, ctx) => {
  const scaled = new Set(objects.filter((o) => o.kind === "HorizontalPodAutoscaler").map((o) => (o as Replicated).spec?.scaleTargetRef?.name));
  return objects.map((o) => {
    if (o.kind === "HorizontalPodAutoscaler") {
      const target = (o as Replicated).spec?.scaleTargetRef;
      const workload = target?.kind === "Deployment" ? TUTOR_DEPLOYMENTS[target.name ?? ""] : undefined;
      if (!workload) return o;
      const { min, max } = ctx.size.workloads[workload].replicas;
      return { ...o, spec: { ...(o.spec as object), minReplicas: min, maxReplicas: max } };
    }
    const sized = applyWorkloadSize(o, ctx.size);
    if (sized === o) return o;
    const spec = { ...(sized.spec as Replicated["spec"]) };
    if (scaled.has(o.metadata.name)) delete spec.replicas;
    else spec.replicas = ctx.size.workloads[TUTOR_DEPLOYMENTS[o.metadata.name]!].replicas.min;
    return { ...sized, spec };
  });
};
