// Each cluster's capacity after the change, computed as `npm run report` computes it (capacityReport), beside
// the tenant quotas the compile's capacity warning speaks of (quotaTotals), and the requests before the
// change, summed from the base's tenant index (the same demand, written there by the compiler).
import { quotaTotals } from "../fleet/capacity-rules";
import type { Demand } from "../model/capacity";
import { parseCpu, parseMemory } from "../model/quantity";
import type { FleetModel } from "../render/index";
import { capacityReport } from "../report/capacity-report";
import { gib, humanCpu, pct } from "../report/format";
import type { Snapshot } from "./snapshot";

export interface ClusterCapacity {
  cluster: string;
  capacity: Demand & { overcommit: number };
  /** At minimum replicas, as `report` shows them. */
  requests: Demand;
  /** At every autoscaler's ceiling, as `report` shows them. */
  max: Demand;
  /** The tenants' ResourceQuotas summed: what the capacity warning and error compare. */
  quotas: Demand;
  /** Requests at minimum replicas before the change (from the base's tenant index). */
  before?: Demand;
}

/** The clusters after the change, with their requests before it when the base index has them. */
export function clusterCapacity(model: FleetModel, base: Snapshot): ClusterCapacity[] {
  const report = capacityReport(model.platform, model.tenants);
  const quotas = quotaTotals(model.tenants);
  const before = new Map<string, Demand>();
  for (const t of base.tenants.values()) {
    if (!t.cluster || !t.requests) continue;
    const sum = before.get(t.cluster) ?? { cpu: 0, memory: 0 };
    before.set(t.cluster, { cpu: sum.cpu + parseCpu(t.requests.cpu), memory: sum.memory + parseMemory(t.requests.memory) });
  }
  return report.clusters.map((c) => ({
    cluster: c.cluster,
    capacity: c.capacity,
    requests: c.requests,
    max: c.max,
    quotas: quotas.get(c.cluster) ?? { cpu: 0, memory: 0 },
    ...(base.tenants.size > 0 ? { before: before.get(c.cluster) ?? { cpu: 0, memory: 0 } } : {}),
  }));
}

const pair = (d: Demand, cap: Demand) => `${humanCpu(d.cpu)} (${pct(d.cpu, cap.cpu)}), ${gib(d.memory)} (${pct(d.memory, cap.memory)})`;
// index entries are rounded to millicores and bytes: a difference below that is no change
const moved = (a: Demand, b: Demand) => Math.abs(a.cpu - b.cpu) >= 0.001 || Math.abs(a.memory - b.memory) >= 1;

/** One Markdown line per cluster. */
export function capacityLines(clusters: readonly ClusterCapacity[]): string[] {
  return clusters.map((c) => {
    const was = c.before && moved(c.before, c.requests) ? ` (was ${pair(c.before, c.capacity)})` : "";
    return (
      `- \`${c.cluster}\` of ${humanCpu(c.capacity.cpu)}, ${gib(c.capacity.memory)} (over-commit ×${c.capacity.overcommit}): ` +
      `requests ${pair(c.requests, c.capacity)}${was}; at max replicas ${pair(c.max, c.capacity)}; tenant quotas ${pair(c.quotas, c.capacity)}`
    );
  });
}
