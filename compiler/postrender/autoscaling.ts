// Autoscaling as the tenant's size says, whatever plugins it runs: each sized Deployment Tutor rendered gets a
// HorizontalPodAutoscaler (unless a plugin brought one; sizeWorkloads then sets its bounds from the size), and
// a PodDisruptionBudget when it runs more than one replica, or when it serves the site and the cluster's nodes
// are consolidated (Karpenter): evicting its only replica would take the site down.
import type { KubeObject } from "../render/objects";
import type { Step } from "./types";
import { TUTOR_DEPLOYMENTS } from "./workload-resources";

/** Average CPU use, against requests, the autoscaler keeps each workload at. */
export const TARGET_CPU_UTILIZATION = 75;
/** What serves learners: a single replica of one of these must not be evicted to pack nodes. */
export const SERVING = new Set(["lms", "cms", "caddy", "mfe"]);

type Deployment = KubeObject & { spec?: { selector?: { matchLabels?: Record<string, string> } } };

export const autoscale: Step = (objects, ctx) => {
  const scaled = new Set(objects.filter((o) => o.kind === "HorizontalPodAutoscaler").map((o) => (o.spec as { scaleTargetRef?: { name?: string } })?.scaleTargetRef?.name));
  const budgeted = new Set(objects.filter((o) => o.kind === "PodDisruptionBudget").map((o) => o.metadata.name));
  const added: KubeObject[] = [];
  for (const d of objects as Deployment[]) {
    const workload = d.kind === "Deployment" ? TUTOR_DEPLOYMENTS[d.metadata.name] : undefined;
    if (!workload) continue;
    const { min, max } = ctx.size.workloads[workload].replicas;
    const name = d.metadata.name;
    if (!scaled.has(name)) {
      added.push({
        apiVersion: "autoscaling/v2",
        kind: "HorizontalPodAutoscaler",
        metadata: { name: `${name}-hpa` },
        spec: {
          scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name },
          minReplicas: min,
          maxReplicas: max,
          metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: TARGET_CPU_UTILIZATION } } }],
        },
      });
    }
    const selector = d.spec?.selector?.matchLabels;
    const guarded = min > 1 || (ctx.consolidation === true && SERVING.has(name));
    if (!guarded || !selector || budgeted.has(`${name}-pdb`)) continue;
    added.push({
      apiVersion: "policy/v1",
      kind: "PodDisruptionBudget",
      metadata: { name: `${name}-pdb` },
      spec: {
        // several replicas: one may go at a time; a single one stays until a rollout's surge pod replaces it
        ...(min > 1 ? { maxUnavailable: 1 } : { minAvailable: 1 }),
        selector: { matchLabels: { ...selector } },
        // a pod that never became ready does not hold a node drain up
        unhealthyPodEvictionPolicy: "AlwaysAllow",
      },
    });
  }
  return [...objects, ...added];
};
