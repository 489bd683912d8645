// Post-render steps for Tutor's output: each Open edX Deployment gets the requests, limits and replicas of
// the tenant's resolved size, and each autoscaler its bounds; then every other container gets explicit
// requests and limits, and every Deployment the rollout the quota has room for. Tutor itself sets only a
// 2Gi memory request on lms and cms; the namespace's quota (render/tenant/quota.ts) is computed from the
// same numbers (model/capacity.ts), so the pods must ask for exactly that.
import { DEFAULT_CONTAINER_RESOURCES, FIXED_DEPLOYMENTS, hookResources, ROLLING_UPDATE, type Resources } from "../model/capacity";
import { list, obj, podSpecOf, type Obj } from "../model/pod-security";
import type { ResolvedTenant } from "../model/resolve";
import type { KubeObject } from "../render/objects";
import type { WorkloadName } from "../schema/size";
import { HOOK } from "./hooks";
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

/** Fills what a container leaves out of `fallback`: requests.cpu, requests.memory, limits.memory. */
function withResources(c: Obj, fallback: Resources, replace: boolean): void {
  if (replace) {
    c.resources = structuredClone(fallback);
    return;
  }
  const r = obj(c.resources);
  c.resources = { ...r, requests: { ...fallback.requests, ...obj(r.requests) }, limits: { memory: fallback.limits.memory, ...obj(r.limits) } };
}

/**
 * Every container gets requests and a memory limit, so the LimitRange never decides: Tutor's smtp its own
 * (FIXED_DEPLOYMENTS), init hooks the LMS's, anything else the defaults where it set none. Every Deployment
 * that is not Recreate rolls out with ROLLING_UPDATE, the one surge pod the quota holds.
 */
export const explicitResources: Step = (objects, ctx) =>
  objects.map((o) => {
    if (!podSpecOf(o)) return o;
    const copy = structuredClone(o);
    const spec = podSpecOf(copy)!;
    const fixed = o.kind === "Deployment" ? FIXED_DEPLOYMENTS[o.metadata.name] : undefined;
    const hook = o.kind === "Job" && o.metadata.annotations?.[HOOK] !== undefined;
    for (const c of [...list(spec.initContainers), ...list(spec.containers)]) {
      if (fixed && c.name === o.metadata.name) withResources(c, fixed, true);
      else if (hook) withResources(c, hookResources(ctx.size), true);
      else withResources(c, DEFAULT_CONTAINER_RESOURCES, false);
    }
    const d = copy.spec as { strategy?: { type?: string; rollingUpdate?: object } } | undefined;
    if (o.kind === "Deployment" && d && d.strategy?.type !== "Recreate") d.strategy = { type: "RollingUpdate", rollingUpdate: { ...ROLLING_UPDATE } };
    return copy;
  });
