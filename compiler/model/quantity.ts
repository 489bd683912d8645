// Kubernetes quantities as numbers: CPU in cores, memory in bytes, for sums and comparisons.

export function parseCpu(q: string): number {
  return q.endsWith("m") ? Number(q.slice(0, -1)) / 1000 : Number(q);
}

const UNITS: Record<string, number> = { "": 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 };

// A fleet uses a handful of distinct quantities thousands of times: parse each once.
const memoryMemo = new Map<string, number>();

export function parseMemory(q: string): number {
  let n = memoryMemo.get(q);
  if (n === undefined) memoryMemo.set(q, (n = parseMemoryOnce(q)));
  return n;
}

function parseMemoryOnce(q: string): number {
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(q);
  if (!m) return NaN;
  return Number(m[1]) * UNITS[m[2] ?? ""]!;
}

/** CPU cores as Kubernetes writes them: whole cores plain, otherwise millicores. */
export function formatCpu(cores: number): string {
  const milli = Math.round(cores * 1000);
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

/** Bytes in the largest binary unit that keeps an integer. */
export function formatMemory(bytes: number): string {
  if (bytes === 0) return "0";
  for (const unit of ["Ti", "Gi", "Mi", "Ki"]) {
    const n = bytes / UNITS[unit]!;
    if (Number.isInteger(n)) return `${n}${unit}`;
  }
  return String(Math.round(bytes));
}
