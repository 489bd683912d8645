// Post-render step for Tutor's output: each Open edX Deployment gets the requests and limits of the
// tenant's resolved size. Tutor itself sets only a 2Gi memory request on lms and cms, and nothing
// elsewhere; the namespace's quota (render/tenant/quota.ts) is computed from the size, so the pods
// must ask for exactly that. Pure: object in, object out.
import type { ResolvedTenant } from "../model/resolve";
import type { KubeObject } from "../render/objects";
import type { WorkloadName } from "../schema/size";

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
