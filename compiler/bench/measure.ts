// One measured command: a fresh Node process per run, started as the npm scripts start it (compiler/run.mjs),
// timed from outside and inside.
import { spawnSync } from "node:child_process";
import path from "node:path";

export interface Sample {
  /** The command itself, inside the process (what the compiler costs). */
  commandMs: number;
  /** The whole process: Node start-up, loading the compiler, the command. */
  wallMs: number;
  maxRssMb: number;
}

/** Runs `run.mjs <args>` in a child process; fails loudly when the command does not exit 0. */
export function measure(codeRoot: string, args: string[]): Sample {
  const started = performance.now();
  // FLEET_BENCH_CHILD: the command's output is swallowed and its figures printed as one JSON line
  const r = spawnSync(process.execPath, [path.join(codeRoot, "compiler", "run.mjs"), ...args], {
    encoding: "utf8",
    maxBuffer: 1 << 26,
    env: { ...process.env, FLEET_BENCH_CHILD: "1" },
  });
  const wallMs = performance.now() - started;
  const last = r.stdout.trim().split("\n").pop() ?? "";
  let result: { code: number; commandMs: number; maxRssKb: number; errors: string[] };
  try {
    result = JSON.parse(last);
  } catch {
    throw new Error(`benchmark child failed (${args.join(" ")}): ${r.stderr || r.stdout}`);
  }
  if (result.code !== 0) throw new Error(`\`${args.join(" ")}\` exited ${result.code} during the benchmark:\n${result.errors.join("\n")}`);
  return { commandMs: result.commandMs, wallMs, maxRssMb: result.maxRssKb / 1024 };
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
