// ResourceQuota and LimitRange of a tenant namespace, derived from the resolved size: the tenant can
// never take more of the cluster than its size says, and the capacity check adds these up per cluster.
import type { V1ResourceQuota } from "@kubernetes/client-node";
import { DEFAULT_CONTAINER_RESOURCES, sumPods, tutorPods, type Budget, type Pods, type Resources } from "../../model/capacity";
import { formatCpu, formatMemory } from "../../model/quantity";
import type { ResolvedTenant } from "../../model/resolve";
import type { Platform } from "../../schema/platform";
import { deepFreeze, tenantLabels, type KubeObject } from "../objects";
import { MAINTENANCE_RESOURCES } from "./maintenance";
import { memoByOwner } from "../../memo";

/** cert-manager's HTTP-01 solver pod (its own default resources), present while the certificate is issued or renewed. */
export const ACME_SOLVER_RESOURCES: Resources = { requests: { cpu: "10m", memory: "64Mi" }, limits: { memory: "64Mi" } };

/**
 * What a dedicated backing service in the tenant namespace may ask for: the budget its chart's
 * resources must fit, counted in the quota whenever the tenant has that service dedicated.
 */
export const DEDICATED_SERVICE_BUDGET: Record<string, Resources> = {
  // render/tenant/data/dedicated.ts: MariaDB 250m/1Gi, limit 2Gi
  mysql: { requests: { cpu: "500m", memory: "1Gi" }, limits: { memory: "2Gi" } },
  // three replica-set members at the psmdb-db chart's default of 300m and 0.5G each
  mongodb: { requests: { cpu: "900m", memory: "1536Mi" }, limits: { memory: "1536Mi" } },
  // Valkey 100m/256Mi, limit 1Gi (Recreate: no surge pod)
  redis: { requests: { cpu: "100m", memory: "256Mi" }, limits: { memory: "1Gi" } },
  // Meilisearch 250m/1Gi, limit 2Gi
  search: { requests: { cpu: "250m", memory: "1Gi" }, limits: { memory: "2Gi" } },
};

/**
 * What the namespace may hold: Tutor's workloads as they are really scheduled (model/capacity.ts: every
 * Deployment at its most replicas plus its surge pod, and the running init hook), cert-manager's solver pod,
 * the maintenance page while in maintenance, and the dedicated services.
 */
function podsOf(t: ResolvedTenant): Pods[] {
  const pods: Pods[] = [];
  if (t.state !== "archived") pods.push(...tutorPods(t.size), { what: "acme solver", resources: ACME_SOLVER_RESOURCES, count: 1 });
  if (t.state === "maintenance") pods.push({ what: "maintenance page", resources: MAINTENANCE_RESOURCES, count: 1 });
  for (const [service, mode] of Object.entries(t.services)) {
    const b = DEDICATED_SERVICE_BUDGET[service];
    if (mode === "dedicated" && b) pods.push({ what: `dedicated ${service}`, resources: b, count: 1 });
  }
  return pods;
}

// tenants of one size (a preset named alone is one object per platform: model/resolve.ts), state and services
// have one budget: summed once, for their quotas and the capacity rule
const budgets = memoByOwner<ResolvedTenant["size"], Budget>();

export function budgetOf(t: ResolvedTenant): Budget {
  let key = t.state;
  for (const service in t.services) key += `\0${service}=${t.services[service as keyof ResolvedTenant["services"]]}`;
  return budgets(t.size, key, () => {
    const { requests, limitMemory } = sumPods(podsOf(t));
    return Object.freeze({ requests: Object.freeze(requests), limitMemory });
  });
}

const QUOTA_NAME = "tenant-quota";

// post-render gives every container its requests and limits; a pod made by hand (kubectl run) gets these (the
// same in every namespace: made once, written, never changed)
const d = DEFAULT_CONTAINER_RESOURCES;
const LIMIT_RANGE = deepFreeze({ limits: [{ type: "Container", defaultRequest: { ...d.requests }, default: { memory: d.limits.memory } }] });

// one quota spec per budget (tenants of one size, state and services share it): written, never changed
const hardOf = new WeakMap<Budget, NonNullable<V1ResourceQuota["spec"]>>();

export function quotaAndLimits(t: ResolvedTenant, platform: Platform): KubeObject[] {
  const budget = budgetOf(t);
  let spec = hardOf.get(budget);
  if (!spec) hardOf.set(budget, (spec = deepFreeze(quotaSpec(budget))));
  const meta = (name: string) => ({ name, namespace: t.names.namespace, labels: tenantLabels(t, platform.fleet) });
  const quota: V1ResourceQuota & KubeObject = {
    apiVersion: "v1",
    kind: "ResourceQuota",
    metadata: meta(QUOTA_NAME),
    spec,
  };
  // typed loosely: @kubernetes/client-node renames `default` to `_default`
  const limits: KubeObject = { apiVersion: "v1", kind: "LimitRange", metadata: meta("tenant-defaults"), spec: LIMIT_RANGE };
  return [quota, limits];
}

function quotaSpec(budget: Budget): NonNullable<V1ResourceQuota["spec"]> {
  return {
    hard: {
      "requests.cpu": formatCpu(budget.requests.cpu),
      "requests.memory": formatMemory(budget.requests.memory),
      "limits.memory": formatMemory(budget.limitMemory),
      // public traffic enters through the platform's ingress only
      "services.loadbalancers": "0",
      "services.nodeports": "0",
    },
  };
}
