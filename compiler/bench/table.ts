// The benchmark's printed table, the machine it ran on, and the verdict on each target.
import os from "node:os";
import { SCENARIOS, type SizeResult } from "./scenarios";

export function machine(): string {
  const cpus = os.cpus();
  return `${cpus[0]?.model.trim() ?? "unknown CPU"}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, ${os.platform()}`;
}

const ms = (n: number) => `${Math.round(n).toLocaleString("en-US")} ms`;

/** Rows of scenarios, a column per fleet size: time in the command, whole process in parentheses. */
export function table(results: SizeResult[], runs: number, load: { before: number[]; after: number[] }): string[] {
  const head = ["scenario", ...results.map((r) => `${r.tenants.toLocaleString("en-US")} tenants`)];
  const rows = SCENARIOS.map((s) => [
    s.label,
    ...results.map((r) => {
      const m = r.medians[s.key];
      return m ? `${ms(m.commandMs)} (${ms(m.wallMs)})` : s.key === "diff" ? "n/a (no diff command)" : "n/a";
    }),
  ]);
  rows.push(["peak RSS", ...results.map((r) => `${Math.round(r.peakRssMb)} MB`)]);
  const widths = head.map((_, i) => Math.max(...[head, ...rows].map((row) => row[i]!.length)));
  const line = (row: string[]) => row.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [
    `machine: ${machine()}`,
    `load average before ${load.before.map((n) => n.toFixed(2)).join(" ")}, after ${load.after.map((n) => n.toFixed(2)).join(" ")} (other work on the machine inflates the figures)`,
    `median of ${runs} run(s); each cell: time inside the command (whole process, with Node start-up)`,
    "",
    line(head),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map(line),
  ];
}

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
  check("1,000 tenants full compile, no cache", k1?.medians.full?.commandMs, 2000, ms);
  check("1,000 tenants one-tenant change", k1?.medians.one?.commandMs, 250, ms);
  check("1,000 tenants check (no cache)", k1?.medians.checkCold?.commandMs, 2000, ms);
  check("1,000 tenants peak RSS", k1?.peakRssMb, 300, mb);
  const k5 = by(5000)?.medians.full?.commandMs;
  if (k1?.medians.full && k5 !== undefined) {
    const ratio = k5 / k1.medians.full.commandMs;
    out.push(`${ratio <= 5.5 ? "met    " : "MISSED "} 5,000 vs 1,000 tenants full compile: ${ratio.toFixed(2)}× (target ≤ 5.5×)`);
  }
  return out;
}
