// The capacity report as Markdown (for people and pull requests) or JSON (for tools); same data, same order.
import type { Demand } from "../model/capacity";
import type { CapacityReport } from "./capacity-report";
import { TUTOR_LOAD_BALANCERS_PER_INSTANCE, TUTOR_SERVICE_MEMORY, TUTOR_SOURCE } from "./tutor-baseline";

export const gib = (bytes: number) => `${(bytes / 2 ** 30).toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 })} GiB`;
/** CPU for people: millicores below one core, else cores with thousands separated (`1,166.4 CPU`, not `1166400m`). */
export const humanCpu = (cores: number) =>
  cores < 1 ? `${Math.round(cores * 1000)}m` : `${cores.toLocaleString("en-US", { maximumFractionDigits: 2 })} CPU`;
export const pct = (part: number, whole: number) => (whole > 0 ? `${Math.round((100 * part) / whole)}%` : "n/a");
const demand = (d: Demand) => ({ cpu: humanCpu(d.cpu), memory: gib(d.memory), cores: Math.round(d.cpu * 1000) / 1000, bytes: d.memory });

export function reportJson(r: CapacityReport): string {
  const out = {
    fleet: r.fleet,
    tenants: r.tenants.map((t) => ({ ...t, requests: demand(t.requests), max: demand(t.max) })),
    clusters: r.clusters.map((c) => ({
      ...c,
      requests: demand(c.requests),
      max: demand(c.max),
      capacity: { ...demand(c.capacity), overcommit: c.capacity.overcommit },
      requestsOfCapacity: { cpu: ratio(c.requests.cpu, c.capacity.cpu), memory: ratio(c.requests.memory, c.capacity.memory) },
      maxOfCapacity: { cpu: ratio(c.max.cpu, c.capacity.cpu), memory: ratio(c.max.memory, c.capacity.memory) },
    })),
    saving: {
      ...r.saving,
      assumptions: { source: TUTOR_SOURCE, memoryPerInstance: TUTOR_SERVICE_MEMORY, loadBalancersPerInstance: TUTOR_LOAD_BALANCERS_PER_INSTANCE },
    },
  };
  return JSON.stringify(out, null, 2);
}

const ratio = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 1000 : null);
const row = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;

export function reportMarkdown(r: CapacityReport): string {
  const s = r.saving;
  const lines = [
    `# Capacity report: fleet ${r.fleet}`,
    "",
    "## Clusters",
    "",
    row(["cluster", "tenants", "running", "requests CPU", "requests memory", "max CPU", "max memory", "capacity CPU", "capacity memory", "requests/capacity (CPU, memory)", "max/capacity (CPU, memory)"]),
    row(Array(11).fill("---")),
    ...r.clusters.map((c) =>
      row([
        c.cluster,
        c.tenants,
        c.running,
        humanCpu(c.requests.cpu),
        gib(c.requests.memory),
        humanCpu(c.max.cpu),
        gib(c.max.memory),
        humanCpu(c.capacity.cpu),
        gib(c.capacity.memory),
        `${pct(c.requests.cpu, c.capacity.cpu)}, ${pct(c.requests.memory, c.capacity.memory)}`,
        `${pct(c.max.cpu, c.capacity.cpu)}, ${pct(c.max.memory, c.capacity.memory)}`,
      ]),
    ),
    "",
    `Requests are at minimum replicas; max is at every autoscaler's ceiling. Overcommit allowed: ${r.clusters.map((c) => `${c.cluster} ×${c.capacity.overcommit}`).join(", ")}.`,
    "",
    "## Shared design against Tutor's per-instance defaults",
    "",
    row(["", "Tutor, one of everything per instance", "this fleet", "saved"]),
    row(["---", "---", "---", "---"]),
    row([`backing-service memory (${s.instances} running instances)`, gib(s.tutor.memory), gib(s.fleet.memory), gib(s.saved.memory)]),
    row(["load balancers", s.tutor.loadBalancers, s.fleet.loadBalancers, s.saved.loadBalancers]),
    "",
    `This fleet's figure counts only dedicated services (shared MySQL, MongoDB, Redis and search run once per cluster and are sized in the platform, not per tenant). Per instance, Tutor runs: ${Object.entries(TUTOR_SERVICE_MEMORY)
      .map(([k, v]) => `${k} ${v.memory} (${v.basis})`)
      .join("; ")}; and ${TUTOR_LOAD_BALANCERS_PER_INSTANCE} LoadBalancer Service. Source: ${TUTOR_SOURCE}.`,
    "",
    "## Tenants",
    "",
    row(["tenant", "cluster", "state", "size", "requests CPU", "requests memory", "max CPU", "max memory", "dedicated services"]),
    row(Array(9).fill("---")),
    ...r.tenants.map((t) =>
      row([t.id, t.cluster, t.state, t.size, humanCpu(t.requests.cpu), gib(t.requests.memory), humanCpu(t.max.cpu), gib(t.max.memory), t.dedicated.join(", ") || "none"]),
    ),
  ];
  return lines.join("\n") + "\n";
}

/**
 * The same report for a terminal narrower than its tables: each table row becomes a block of `header: value`
 * lines under its first cell, so nothing wraps mid-cell.
 */
export function narrowTables(markdown: string, width: number): string {
  const lines = markdown.split("\n");
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const isTable = lines[i]!.startsWith("| ") && lines[i + 1]?.startsWith("| ---");
    if (!isTable) {
      out.push(lines[i]!);
      continue;
    }
    let end = i + 2;
    while (lines[end]?.startsWith("| ")) end++;
    const cells = (l: string) => l.slice(2, -2).split(" | ");
    const table = lines.slice(i, end);
    if (Math.max(...table.map((l) => l.length)) <= width) {
      out.push(...table);
    } else {
      const header = cells(lines[i]!);
      for (const l of lines.slice(i + 2, end)) {
        const [first, ...rest] = cells(l);
        out.push(`${first}`, ...rest.map((v, k) => `  ${header[k + 1] || "value"}: ${v}`));
      }
    }
    i = end - 1;
  }
  return out.join("\n");
}
