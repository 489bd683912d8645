// The fleet-wide output rule: the tenant quotas rendered for each cluster against its declared capacity.
import { error, warning, type Diagnostic } from "../diagnostics";
import { formatCpu, formatMemory, parseCpu, parseMemory } from "../model/quantity";
import type { FleetRule } from "./output-rules";

/** Quotas are what tenants may take: above capacity is a warning, above capacity × overcommit an error. */
export const quotasFitCapacity: FleetRule = ({ platform, outputs }) => {
  const totals = new Map<string, { cpu: number; memory: number }>();
  for (const { tenant, resources } of outputs) {
    const sum = totals.get(tenant.cluster.name) ?? { cpu: 0, memory: 0 };
    for (const q of resources.filter((o) => o.kind === "ResourceQuota")) {
      const hard = (q.spec as { hard?: Record<string, string> } | undefined)?.hard ?? {};
      sum.cpu += parseCpu(hard["requests.cpu"] ?? "0");
      sum.memory += parseMemory(hard["requests.memory"] ?? "0");
    }
    totals.set(tenant.cluster.name, sum);
  }
  const out: Diagnostic[] = [];
  for (const [cluster, sum] of [...totals].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const cap = platform.value.clusters[cluster]!.capacity;
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
