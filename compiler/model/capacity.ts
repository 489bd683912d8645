// What a tenant asks of the cluster: requests at minimum replicas, and at maximum (autoscaler ceiling); and
// what its Tutor workloads may hold at once, which its namespace quota is derived from (render/tenant/quota.ts)
// and post-render checks its output against (postrender/scheduled.ts).
import { WORKLOADS, type WorkloadSize } from "../schema/size";
import { formatCpu, formatMemory, parseCpu, parseMemory } from "./quantity";
import type { ResolvedTenant } from "./resolve";

export interface Demand {
  cpu: number; // cores
  memory: number; // bytes
}

/** Requests of all workloads at `replicas` (min or max); nothing for an archived tenant. */
export function demandOf(t: ResolvedTenant, at: "min" | "max"): Demand {
  if (t.state === "archived") return { cpu: 0, memory: 0 };
  let cpu = 0;
  let memory = 0;
  for (const w of WORKLOADS) {
    const size = t.size.workloads[w];
    cpu += parseCpu(size.requests.cpu) * size.replicas[at];
    memory += parseMemory(size.requests.memory) * size.replicas[at];
  }
  return { cpu, memory };
}

export const formatDemand = (d: Demand) => ({ cpu: formatCpu(d.cpu), memory: formatMemory(d.memory) });

/** A container's requests and limits. CPU limits stay unset unless a size sets one: throttling Django hurts more than it saves. */
export interface Resources {
  requests: { cpu: string; memory: string };
  limits: { memory: string; cpu?: string };
}

/** Any other container post-render finds without requests or a memory limit (a plugin's sidecar, say); also the LimitRange default. */
export const DEFAULT_CONTAINER_RESOURCES: Resources = { requests: { cpu: "50m", memory: "128Mi" }, limits: { memory: "256Mi" } };
/** Tutor's Deployments besides the sized ones, and their resources (none since RUN_SMTP is always false: mail goes through the relay). */
export const FIXED_DEPLOYMENTS: Record<string, Resources> = {};

/**
 * The rollout of every Deployment post-render emits: one extra pod at a time, none taken away first. The
 * quota holds that one extra pod per Deployment; Kubernetes' default (25% surge, rounded up) would need more.
 */
export const ROLLING_UPDATE = { maxSurge: 1, maxUnavailable: 0 } as const;
/** Each init task runs in its own sync wave (postrender/hooks.ts), so one hook pod runs at a time. */
export const HOOK_PODS = 1;

export const resourcesOf = (s: WorkloadSize): Resources => ({ requests: { ...s.requests }, limits: { memory: s.limits.memory, ...(s.limits.cpu ? { cpu: s.limits.cpu } : {}) } });
/** Init hooks run the LMS image's management commands (migrations): LMS-sized. */
export const hookResources = (size: ResolvedTenant["size"]): Resources => resourcesOf(size.workloads.lms);

/** `count` pods of one shape. */
export interface Pods {
  what: string;
  resources: Resources;
  count: number;
}

/** What Tutor's workloads may hold at once: each Deployment at its most replicas plus its surge pod, and the running hook. */
export function tutorPods(size: ResolvedTenant["size"]): Pods[] {
  const surge = ROLLING_UPDATE.maxSurge;
  return [
    ...WORKLOADS.map((w) => ({ what: w, resources: resourcesOf(size.workloads[w]), count: size.workloads[w].replicas.max + surge })),
    ...Object.entries(FIXED_DEPLOYMENTS).map(([what, resources]) => ({ what, resources, count: 1 + surge })),
    { what: "init hook", resources: hookResources(size), count: HOOK_PODS },
  ];
}

export interface Budget {
  requests: Demand;
  /** Memory limits only: CPU limits are left unset on purpose. */
  limitMemory: number;
}

export function sumPods(pods: readonly Pods[]): Budget {
  const budget: Budget = { requests: { cpu: 0, memory: 0 }, limitMemory: 0 };
  for (const p of pods) {
    budget.requests.cpu += parseCpu(p.resources.requests.cpu) * p.count;
    budget.requests.memory += parseMemory(p.resources.requests.memory) * p.count;
    budget.limitMemory += parseMemory(p.resources.limits.memory) * p.count;
  }
  return budget;
}
