// ResourceQuota and LimitRange of a tenant namespace, derived from the resolved size: the tenant can
// never take more of the cluster than its size says, and the capacity check adds these up per cluster.
import type { V1ResourceQuota } from "@kubernetes/client-node";
import type { Demand } from "../../model/capacity";
import { formatCpu, formatMemory, parseCpu, parseMemory } from "../../model/quantity";
import type { ResolvedTenant } from "../../model/resolve";
import type { Platform } from "../../schema/platform";
import { WORKLOADS, type WorkloadName } from "../../schema/size";
import { tenantLabels, type KubeObject } from "../objects";
import { MAINTENANCE_RESOURCES } from "./maintenance";

/**
 * Hook Jobs (migrations, init) run the LMS image with LMS-sized defaults. Two may run at once (the LMS
 * and CMS init of one sync wave) while every Deployment is at its ceiling, so the quota holds two.
 */
export const HOOK_JOB_PODS = 2;

/** cert-manager's HTTP-01 solver pod (its own default resources), present while the certificate is issued or renewed. */
export const ACME_SOLVER_RESOURCES = { cpu: "10m", memory: "64Mi", limitMemory: "64Mi" };

/**
 * What a dedicated backing service in the tenant namespace may ask for: the budget its chart's
 * resources must fit, counted in the quota whenever the tenant has that service dedicated.
 */
export const DEDICATED_SERVICE_BUDGET: Record<string, { cpu: string; memory: string; limitMemory: string }> = {
  // render/tenant/data/dedicated.ts: MariaDB 250m/1Gi, limit 2Gi
  mysql: { cpu: "500m", memory: "1Gi", limitMemory: "2Gi" },
  // three replica-set members at the psmdb-db chart's default of 300m and 0.5G each
  mongodb: { cpu: "900m", memory: "1536Mi", limitMemory: "1536Mi" },
  // Valkey 100m/256Mi, limit 1Gi
  redis: { cpu: "100m", memory: "256Mi", limitMemory: "1Gi" },
  // Meilisearch 250m/1Gi, limit 2Gi
  search: { cpu: "250m", memory: "1Gi", limitMemory: "2Gi" },
};

export interface Budget {
  requests: Demand;
  /** Memory limits only: CPU limits are left unset on purpose (throttling Django hurts more than it saves). */
  limitMemory: number;
}

/** `count` pods of one shape. */
interface Part {
  cpu: string;
  memory: string;
  limitMemory: string;
  count: number;
}

/**
 * What the namespace may hold: every workload at its maximum replicas plus one surge replica each (a
 * rolling update at the ceiling needs it: maxSurge 25% rounds up to one pod), the hook Jobs,
 * cert-manager's solver pod, the maintenance page while in maintenance, and the dedicated services.
 */
function partsOf(t: ResolvedTenant): Part[] {
  const parts: Part[] = [];
  const sized = (w: WorkloadName, count: number): Part => {
    const s = t.size.workloads[w];
    return { cpu: s.requests.cpu, memory: s.requests.memory, limitMemory: s.limits.memory, count };
  };
  if (t.state !== "archived") {
    for (const w of WORKLOADS) parts.push(sized(w, t.size.workloads[w].replicas.max + 1));
    parts.push(sized("lms", HOOK_JOB_PODS), { ...ACME_SOLVER_RESOURCES, count: 1 });
  }
  if (t.state === "maintenance") {
    const m = MAINTENANCE_RESOURCES;
    parts.push({ cpu: m.requests.cpu, memory: m.requests.memory, limitMemory: m.limits.memory, count: 1 });
  }
  for (const [service, mode] of Object.entries(t.services)) {
    const b = DEDICATED_SERVICE_BUDGET[service];
    if (mode === "dedicated" && b) parts.push({ ...b, count: 1 });
  }
  return parts;
}

export function budgetOf(t: ResolvedTenant): Budget {
  const budget: Budget = { requests: { cpu: 0, memory: 0 }, limitMemory: 0 };
  for (const p of partsOf(t)) {
    budget.requests.cpu += parseCpu(p.cpu) * p.count;
    budget.requests.memory += parseMemory(p.memory) * p.count;
    budget.limitMemory += parseMemory(p.limitMemory) * p.count;
  }
  return budget;
}

const QUOTA_NAME = "tenant-quota";

export function quotaAndLimits(t: ResolvedTenant, platform: Platform): KubeObject[] {
  const budget = budgetOf(t);
  const meta = (name: string) => ({ name, namespace: t.names.namespace, labels: tenantLabels(t, platform.fleet) });
  const quota: V1ResourceQuota & KubeObject = {
    apiVersion: "v1",
    kind: "ResourceQuota",
    metadata: meta(QUOTA_NAME),
    spec: {
      hard: {
        "requests.cpu": formatCpu(budget.requests.cpu),
        "requests.memory": formatMemory(budget.requests.memory),
        "limits.memory": formatMemory(budget.limitMemory),
        // public traffic enters through the platform's ingress only
        "services.loadbalancers": "0",
        "services.nodeports": "0",
      },
    },
  };
  // containers that set no resources (Tutor's Jobs) get the LMS's, so the quota can admit them
  const lms = t.size.workloads.lms;
  // typed loosely: @kubernetes/client-node renames `default` to `_default`
  const limits: KubeObject = {
    apiVersion: "v1",
    kind: "LimitRange",
    metadata: meta("tenant-defaults"),
    spec: { limits: [{ type: "Container", defaultRequest: { ...lms.requests }, default: { memory: lms.limits.memory } }] },
  };
  return [quota, limits];
}
