// The fleet-wide output rule: the tenant quotas of each cluster against its declared capacity.
import { error, warning, type Diagnostic } from "../diagnostics";
import { fromCatalog } from "../model/catalog";
import { formatCpu, formatMemory, parseCpu, parseMemory } from "../model/quantity";
import { budgetOf } from "../render/tenant/quota";
import type { ResolvedTenant } from "../model/resolve";
import type { FleetRule } from "./output-rules";

/** Per cluster, the sum of the tenants' ResourceQuota requests (cores, bytes): the budget they are rendered from. */
export function quotaTotals(tenants: readonly ResolvedTenant[]): Map<string, { cpu: number; memory: number }> {
  const totals = new Map<string, { cpu: number; memory: number }>();
  for (const tenant of tenants) {
    const sum = totals.get(tenant.cluster.name) ?? { cpu: 0, memory: 0 };
    const { requests } = budgetOf(tenant);
    // in millicores, as the quota is written
    totals.set(tenant.cluster.name, { cpu: sum.cpu + Math.round(requests.cpu * 1000) / 1000, memory: sum.memory + requests.memory });
  }
  return totals;
}

/** Quotas are what tenants may take: above capacity is a warning, above capacity × overcommit an error. */
export const quotasFitCapacity: FleetRule = ({ platform, tenants }) => {
  // the same budget the tenants' ResourceQuotas are rendered from, without rendering them
  const totals = quotaTotals(tenants);
  const out: Diagnostic[] = [];
  for (const [cluster, sum] of [...totals].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const cap = fromCatalog(platform.value.clusters, cluster)!.capacity;
    for (const [what, used, capacity, fmt] of [
      ["CPU", sum.cpu, parseCpu(cap.cpu), formatCpu],
      ["memory", sum.memory, parseMemory(cap.memory), formatMemory],
    ] as const) {
      const ratio = used / capacity;
      const where = platform.locator.value(["clusters", cluster, "capacity", what === "CPU" ? "cpu" : "memory"]);
      const message = `tenant quotas on cluster ${cluster} request ${fmt(used)} ${what}, ${Math.round(ratio * 100)}% of its capacity ${fmt(capacity)}`;
      const path = `clusters.${cluster}.capacity`;
      if (ratio > cap.overcommit) out.push(error("capacity", where, `${message}, above the allowed over-commit ${cap.overcommit}`, { path, hint: "raise the capacity (add nodes), move tenants to another cluster, or pick smaller sizes" }));
      else if (ratio > 1) out.push(warning("capacity", where, `${message}: over-committed`, { path, hint: `allowed up to ${cap.overcommit}×; add capacity before it is reached` }));
    }
  }
  return out;
};
