// Sync order inside a tenant's instance (drydock's): config and services, then the init hooks (hooks.ts),
// then the workloads, then what scales them.
import { SYNC_WAVE } from "../render/argocd";
import { FIRST_INIT_WAVE, MAX_INIT_TASKS } from "./hooks";
import type { Step } from "./types";

export const WORKLOAD_WAVE = FIRST_INIT_WAVE + MAX_INIT_TASKS;
export const AUTOSCALER_WAVE = WORKLOAD_WAVE + 10;

const WAVE_OF: Record<string, number> = {
  Deployment: WORKLOAD_WAVE,
  StatefulSet: WORKLOAD_WAVE,
  CronJob: WORKLOAD_WAVE,
  HorizontalPodAutoscaler: AUTOSCALER_WAVE,
  VerticalPodAutoscaler: AUTOSCALER_WAVE,
  PodDisruptionBudget: AUTOSCALER_WAVE,
};

export const syncWaves: Step = (objects) =>
  objects.map((o) => {
    const wave = WAVE_OF[o.kind];
    if (wave === undefined) return o;
    return { ...o, metadata: { ...o.metadata, annotations: { ...o.metadata.annotations, [SYNC_WAVE]: String(wave) } } };
  });
