// What a tenant asks of the cluster: requests at minimum replicas, and at maximum (autoscaler ceiling).
import { WORKLOADS } from "../schema/size";
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
