// The benchmark's printed table, the machine it ran on, and the verdict on each target.
import os from "node:os";
import { SCENARIOS, type SizeResult } from "./scenarios";

export function machine(): string {
  const cpus = os.cpus();
  return `${cpus[0]?.model.trim() ?? "unknown CPU"}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, ${os.platform()}`;
}

const ms = (n: number) => `${Math.round(n).toLocaleString("en-US")} ms`;

/** Rows of scenarios, a column per fleet size: the whole process (what the operator waits for), the command alone in parentheses. */
export function table(results: SizeResult[], runs: number, load: { before: number[]; after: number[] }): string[] {
  const head = ["scenario", ...results.map((r) => `${r.tenants.toLocaleString("en-US")} tenants`)];
  const rows = SCENARIOS.map((s) => [
    s.label,
    ...results.map((r) => {
      const m = r.medians[s.key];
      return m ? `${ms(m.wallMs)} (${ms(m.commandMs)})` : s.key === "validate" ? "n/a (no schemas)" : "n/a";
    }),
  ]);
  rows.push(["peak RSS", ...results.map((r) => `${Math.round(r.peakRssMb)} MB`)]);
  // what creating the first compile's files costs this machine alone (bench/fs-floor.ts)
  rows.push(["the same files created by a bare process (floor)", ...results.map((r) => (r.floorMs === undefined ? "n/a" : ms(r.floorMs)))]);
  if (results.some((r) => r.peerMs !== undefined)) {
    rows.push(["reference peer, same objects (one run)", ...results.map((r) => (r.peerMs === undefined ? "n/a" : ms(r.peerMs)))]);
    rows.push(["peer ÷ first compile", ...results.map((r) => (r.peerMs === undefined || !r.medians.first ? "n/a" : `${(r.peerMs / r.medians.first.wallMs).toFixed(1)}×`))]);
  }
  rows.push(["load average (1 min) at the end", ...results.map((r) => r.loadAfter.toFixed(2))]);
  const widths = head.map((_, i) => Math.max(...[head, ...rows].map((row) => row[i]!.length)));
  const line = (row: string[]) => row.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [
    `machine: ${machine()}`,
    `load average before ${load.before.map((n) => n.toFixed(2)).join(" ")}, after ${load.after.map((n) => n.toFixed(2)).join(" ")} (other work on the machine inflates the figures)`,
    `median of ${runs} run(s); each cell: the whole process from outside, Node start-up included (time inside the command)`,
    "",
    line(head),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map(line),
  ];
}

/** Whole-process targets at 1,000 tenants, in ms. */
export const WALL_TARGETS = { first: 1500, full: 1200, one: 400, noop: 300, checkCold: 1200, validate: 1500, docs: 200 } as const;

/** The targets, each with the measured figure and whether it is met. */
export function verdicts(results: SizeResult[]): string[] {
  const by = (n: number) => results.find((r) => r.tenants === n);
  const out: string[] = [];
  const check = (label: string, value: number | undefined, limit: number, unit: (n: number) => string) => {
    if (value === undefined) return;
    out.push(`${value <= limit ? "met    " : "MISSED "} ${label}: ${unit(value)} (target ≤ ${unit(limit)})`);
  };
  const k1 = by(1000);
  const mb = (n: number) => `${Math.round(n)} MB`;
  const s = (n: number) => `${(n / 1000).toFixed(2)} s`;
  // issue 16's targets: whole process, 1,000 tenants
  for (const [key, limit] of Object.entries(WALL_TARGETS) as [keyof typeof WALL_TARGETS, number][]) {
    check(`1,000 tenants ${SCENARIOS.find((x) => x.key === key)!.label}`, k1?.medians[key]?.wallMs, limit, s);
  }
  check("1,000 tenants peak RSS", k1?.peakRssMb, 300, mb);
  check("5,000 tenants peak RSS", by(5000)?.peakRssMb, 700, mb);
  const k5 = by(5000)?.medians.full?.wallMs;
  if (k1?.medians.full && k5 !== undefined) {
    const ratio = k5 / k1.medians.full.wallMs;
    out.push(`${ratio <= 5.5 ? "met    " : "MISSED "} 5,000 vs 1,000 tenants full compile: ${ratio.toFixed(2)}× (target ≤ 5.5×)`);
  }
  return out;
}
