// What a tenant's rendered objects can have scheduled at once, read from the objects themselves: every
// Deployment at its most replicas (an autoscaler's maximum, else its replica count) plus its rolling-update
// surge, every StatefulSet at its replicas, and the hook Jobs of the busiest sync wave. Post-render refuses a
// render that would not fit the quota the compiler gave the namespace (model/capacity.ts): a rollout stuck on
// quota is a silent outage, a refused render names the object.
import { sumPods, tutorPods, type Pods, type Resources } from "../model/capacity";
import { formatCpu, formatMemory, parseCpu, parseMemory } from "../model/quantity";
import { list, obj, podSpecOf } from "../model/pod-security";
import type { KubeObject } from "../render/objects";
import { SYNC_WAVE } from "../render/argocd";
import { HOOK } from "./hooks";
import { PostRenderError, type Step } from "./types";

type Spec = { replicas?: number; strategy?: { type?: string; rollingUpdate?: { maxSurge?: number | string } }; scaleTargetRef?: { kind?: string; name?: string }; maxReplicas?: number };

/** maxSurge as Kubernetes reads it: a number, or a percentage of the replicas rounded up; 25% when unset. */
export function surgeOf(spec: Spec, replicas: number): number {
  if (spec.strategy?.type === "Recreate") return 0;
  const s = spec.strategy?.rollingUpdate?.maxSurge ?? "25%";
  return typeof s === "number" ? s : Math.ceil((Number(s.replace("%", "")) / 100) * replicas);
}

/** The summed resources of one pod (init containers run before the others, so the larger of the two counts). */
function podResources(o: KubeObject): Resources {
  const spec = podSpecOf(o)!;
  const sum = (cs: ReturnType<typeof list>) => {
    let cpu = 0;
    let memory = 0;
    let limit = 0;
    for (const c of cs) {
      const r = obj(c.resources);
      cpu += parseCpuOr0(obj(r.requests).cpu);
      memory += parseMemOr0(obj(r.requests).memory);
      limit += parseMemOr0(obj(r.limits).memory);
    }
    return { cpu, memory, limit };
  };
  const main = sum(list(spec.containers));
  const init = list(spec.initContainers).map((c) => sum([c]));
  const max = (k: "cpu" | "memory" | "limit") => Math.max(main[k], ...init.map((i) => i[k]));
  return { requests: { cpu: formatCpu(max("cpu")), memory: formatMemory(max("memory")) }, limits: { memory: formatMemory(max("limit")) } };
}

const parseCpuOr0 = (q: unknown) => (typeof q === "string" || typeof q === "number" ? parseCpu(String(q)) || 0 : 0);
const parseMemOr0 = (q: unknown) => (typeof q === "string" || typeof q === "number" ? parseMemory(String(q)) || 0 : 0);

/** Every pod the objects can have scheduled at the same moment, by object. */
export function scheduledPods(objects: readonly KubeObject[]): Pods[] {
  const ceiling = new Map<string, number>();
  for (const o of objects) {
    const s = o.spec as Spec;
    if (o.kind === "HorizontalPodAutoscaler" && s.scaleTargetRef?.kind === "Deployment") ceiling.set(s.scaleTargetRef.name ?? "", s.maxReplicas ?? 1);
  }
  const pods: Pods[] = [];
  const hooksByWave = new Map<string, Pods[]>();
  for (const o of objects) {
    if (!podSpecOf(o)) continue;
    const s = (o.spec ?? {}) as Spec;
    const what = `${o.kind} ${o.metadata.name}`;
    if (o.kind === "Deployment") {
      const replicas = ceiling.get(o.metadata.name) ?? s.replicas ?? 1;
      pods.push({ what, resources: podResources(o), count: replicas + surgeOf(s, replicas) });
    } else if (o.kind === "StatefulSet") pods.push({ what, resources: podResources(o), count: s.replicas ?? 1 });
    else if (o.kind === "Job" && o.metadata.annotations?.[HOOK] !== undefined) {
      const wave = o.metadata.annotations?.[SYNC_WAVE] ?? "0";
      hooksByWave.set(wave, [...(hooksByWave.get(wave) ?? []), { what, resources: podResources(o), count: 1 }]);
    } else pods.push({ what, resources: podResources(o), count: 1 });
  }
  const cpuOf = (ps: Pods[]) => sumPods(ps).requests.cpu;
  const busiest = [...hooksByWave.values()].sort((a, b) => cpuOf(b) - cpuOf(a))[0];
  return [...pods, ...(busiest ?? [])];
}

/** Refuses output whose pods, all at their peak together, would not fit the quota of the tenant's size. */
export const fitsQuota: Step = (objects, ctx) => {
  const need = sumPods(scheduledPods(objects));
  const room = sumPods(tutorPods(ctx.size));
  const over = [
    need.requests.cpu > room.requests.cpu + 1e-9 ? `requests.cpu ${formatCpu(need.requests.cpu)} > ${formatCpu(room.requests.cpu)}` : "",
    need.requests.memory > room.requests.memory ? `requests.memory ${formatMemory(need.requests.memory)} > ${formatMemory(room.requests.memory)}` : "",
    need.limitMemory > room.limitMemory ? `limits.memory ${formatMemory(need.limitMemory)} > ${formatMemory(room.limitMemory)}` : "",
  ].filter(Boolean);
  if (over.length === 0) return objects;
  const what = scheduledPods(objects).map((p) => `${p.what} ×${p.count}`).join(", ");
  throw new PostRenderError([`at their peak (rollouts and init hooks included) the rendered pods need more than the namespace quota holds: ${over.join("; ")}; pods: ${what}. A plugin that adds a Deployment needs room in model/capacity.ts (FIXED_DEPLOYMENTS).`]);
};
