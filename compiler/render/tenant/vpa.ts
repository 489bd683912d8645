// Per-tenant VerticalPodAutoscalers in mode "Off": the VPA recommender (platform component) measures what each
// Open edX workload really uses, and changes nothing; size presets are tuned from these recommendations.
import { clusterSetup } from "../../model/components";
import type { ResolvedTenant } from "../../model/resolve";
import type { Platform } from "../../schema/platform";
import { deepFreeze, tenantLabels, type KubeObject } from "../objects";

/** Tutor's Deployments whose sizes come from the tenant's size preset. */
export const RECOMMENDED_WORKLOADS = ["lms", "cms", "lms-worker", "cms-worker"] as const;

// the same for every VPA: made once (written, never changed)
const OFF = deepFreeze({ updateMode: "Off" });
const CPU_AND_MEMORY = deepFreeze({ containerPolicies: [{ containerName: "*", controlledResources: ["cpu", "memory"] }] });

const SPECS = new Map(
  RECOMMENDED_WORKLOADS.map((name) => [name, deepFreeze({ targetRef: { apiVersion: "apps/v1", kind: "Deployment", name }, updatePolicy: OFF, resourcePolicy: CPU_AND_MEMORY })]),
);

export function tenantVpas(t: ResolvedTenant, platform: Platform): KubeObject[] {
  // archived tenants run no workloads; without the recommender nothing would read these
  if (t.state === "archived" || !clusterSetup(platform, t.cluster.name).components.vpa.enabled) return [];
  return RECOMMENDED_WORKLOADS.map((name) => ({
    apiVersion: "autoscaling.k8s.io/v1",
    kind: "VerticalPodAutoscaler",
    metadata: { name, namespace: t.names.namespace, labels: tenantLabels(t, platform.fleet) },
    spec: SPECS.get(name),
  }));
}
