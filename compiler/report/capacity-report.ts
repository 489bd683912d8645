// The fleet's capacity and cost as data: per tenant requests (at minimum replicas) and maximum (at the
// autoscalers' ceilings), per cluster totals against declared capacity, and the saving of shared services
// and one ingress per cluster over Tutor's one-of-everything-per-instance.
import { demandOf, type Demand } from "../model/capacity";
import { parseCpu, parseMemory } from "../model/quantity";
import type { ResolvedTenant } from "../model/resolve";
import type { Platform } from "../schema/platform";
import { BACKING_SERVICES, TUTOR_LOAD_BALANCERS_PER_INSTANCE, TUTOR_SERVICE_MEMORY, type BackingService } from "./tutor-baseline";

export interface TenantRow {
  id: string;
  cluster: string;
  state: string;
  size: string;
  requests: Demand;
  max: Demand;
  dedicated: BackingService[];
}

export interface ClusterRow {
  cluster: string;
  tenants: number;
  running: number;
  requests: Demand;
  max: Demand;
  capacity: Demand & { overcommit: number };
}

export interface Saving {
  /** Instances with workloads (archived tenants run nothing in either design). */
  instances: number;
  /** Memory of the backing services each instance would run alone with Tutor, and its load balancers. */
  tutor: { memory: number; loadBalancers: number };
  /** Here: only dedicated services run per tenant; each cluster with running tenants has one load balancer. */
  fleet: { memory: number; loadBalancers: number };
  saved: { memory: number; loadBalancers: number };
}

export interface CapacityReport {
  fleet: string;
  tenants: TenantRow[];
  clusters: ClusterRow[];
  saving: Saving;
}

const add = (a: Demand, b: Demand): Demand => ({ cpu: a.cpu + b.cpu, memory: a.memory + b.memory });
const serviceMemory = (s: BackingService) => parseMemory(TUTOR_SERVICE_MEMORY[s].memory);

export function tenantRow(t: ResolvedTenant): TenantRow {
  return {
    id: t.id,
    cluster: t.cluster.name,
    state: t.state,
    size: t.size.preset,
    requests: demandOf(t, "min"),
    max: demandOf(t, "max"),
    dedicated: BACKING_SERVICES.filter((s) => t.services[s] === "dedicated"),
  };
}

/** `progress(done, total)` is called every `every` tenants, for long runs. */
export function capacityReport(platform: Platform, tenants: readonly ResolvedTenant[], progress?: (done: number, total: number) => void, every = 1000): CapacityReport {
  const rows: TenantRow[] = [];
  for (const t of [...tenants].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    rows.push(tenantRow(t));
    if (progress && rows.length % every === 0) progress(rows.length, tenants.length);
  }
  const clusters = Object.entries(platform.clusters)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, spec]): ClusterRow => {
      const mine = rows.filter((r) => r.cluster === name);
      const zero: Demand = { cpu: 0, memory: 0 };
      return {
        cluster: name,
        tenants: mine.length,
        running: mine.filter((r) => r.state !== "archived").length,
        requests: mine.reduce((sum, r) => add(sum, r.requests), zero),
        max: mine.reduce((sum, r) => add(sum, r.max), zero),
        capacity: { cpu: parseCpu(spec.capacity.cpu), memory: parseMemory(spec.capacity.memory), overcommit: spec.capacity.overcommit },
      };
    });
  const running = rows.filter((r) => r.state !== "archived");
  const perInstance = BACKING_SERVICES.reduce((sum, s) => sum + serviceMemory(s), 0);
  const tutor = { memory: running.length * perInstance, loadBalancers: running.length * TUTOR_LOAD_BALANCERS_PER_INSTANCE };
  const fleet = {
    memory: running.reduce((sum, r) => sum + r.dedicated.reduce((m, s) => m + serviceMemory(s), 0), 0),
    loadBalancers: clusters.filter((c) => c.running > 0).length,
  };
  return {
    fleet: platform.fleet,
    tenants: rows,
    clusters,
    saving: { instances: running.length, tutor, fleet, saved: { memory: tutor.memory - fleet.memory, loadBalancers: tutor.loadBalancers - fleet.loadBalancers } },
  };
}
