// The benchmark's scenarios on one synthetic fleet: what an operator runs, each in a fresh process.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { measure, median, type Sample } from "./measure";
import { syntheticFleet, tenantId } from "./synthetic-fleet";
import { fileSystemFloor } from "./fs-floor";

export const SCENARIOS = [
  { key: "first", label: "first compile (empty generated/, no cache)" },
  { key: "full", label: "full compile, no cache (generated/ committed)" },
  { key: "noop", label: "no-op recompile" },
  { key: "one", label: "recompile after one tenant changed" },
  { key: "checkCold", label: "check, no cache (as in CI)" },
  { key: "checkWarm", label: "check, warm cache" },
  { key: "diff", label: "diff for a one-tenant change" },
  { key: "validate", label: "validate generated/ (strict schemas)" },
  { key: "docs", label: "docs (a trivial command)" },
] as const;
export type ScenarioKey = (typeof SCENARIOS)[number]["key"];

export interface SizeResult {
  tenants: number;
  /** Median per scenario; undefined when the scenario cannot run (no diff command). */
  medians: Partial<Record<ScenarioKey, Sample>>;
  peakRssMb: number;
  /** The 1-minute load average when this size's runs ended (other work on the machine inflates the figures). */
  loadAfter: number;
  /** The reference peer's whole-process time on the same generated objects, when one was given. */
  peerMs?: number;
  /** Median time for a bare process to create the same files as a first compile (bench/fs-floor.ts). */
  floorMs?: number;
}

/** The schema folder `validate` reads (FLEET_SCHEMAS, or shared/schemas beside the checkout); none: not measured. */
function schemaDir(codeRoot: string): string | undefined {
  const dir = process.env.FLEET_SCHEMAS ?? path.join(codeRoot, "..", "shared", "schemas");
  return fs.existsSync(dir) ? dir : undefined;
}

/** Changes one tenant's platform name, differently in each run, so its output really changes. */
function editOneTenant(root: string, count: number, run: number): void {
  const file = path.join(root, "tenants", `${tenantId(Math.ceil(count / 2))}.ts`);
  const text = fs.readFileSync(file, "utf8").replace(/platformName: "([^"]*)"/, (_, name: string) => `platformName: "${name.replace(/ \(edit \d+\)$/, "")} (edit ${run})"`);
  fs.writeFileSync(file, text);
}

const git = (root: string, ...args: string[]) => execFileSync("git", args, { cwd: root, stdio: "pipe" });

/**
 * Before each measured run: the writes of the previous steps go to disk first (`sync`), so a run is not charged
 * for another's write-back. Without a `sync` command (Windows) nothing is done.
 */
function settle(): void {
  try {
    execFileSync("sync", { stdio: "ignore" });
  } catch {
    // no sync: figures only vary more
  }
}

const sleep = (ms: number) => ms > 0 && Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Runs every scenario `runs` times on a new fleet of `count` tenants; `progress` gets one line per step. `peer`:
 * a Node script run once on the compiled fleet (its root as argument), timed whole, as the reference peer.
 * `trash`: where the fleet and every folder the runs clear are moved; the caller deletes it after all sizes.
 */
export function benchSize(codeRoot: string, count: number, runs: number, progress: (line: string) => void, trash: string, peer?: string): SizeResult {
  progress(`generating ${count} tenants…`);
  const root = syntheticFleet(codeRoot, count);
  const samples: Partial<Record<ScenarioKey, Sample[]>> = {};
  let peerMs: number | undefined;
  const floors: number[] = [];
  let lastEnd = 0;
  const at = (key: ScenarioKey, args: string[], opts: { after?: number } = {}) => {
    settle();
    // the one-tenant edit is measured as the issue states it: 3 s after the last run
    if (opts.after !== undefined) sleep(lastEnd + opts.after - performance.now());
    (samples[key] ??= []).push(measure(codeRoot, [...args, "--root", root]));
    lastEnd = performance.now();
  };
  const schemas = schemaDir(codeRoot);
  // docs rewrites the fleet's docs/reference.md: a copy of the repository's, so the command has its real work to do
  fs.mkdirSync(path.join(root, "docs"));
  fs.copyFileSync(path.join(codeRoot, "docs", "reference.md"), path.join(root, "docs", "reference.md"));
  // cleared folders are moved aside, and deleted only after the last measured run of every size: on ext4
  // without a journal, the kernel avoids reusing an inode deleted in the last 1 to 6 minutes, and each file
  // created after thousands were deleted scans past them (`recently_deleted`), which made file creation, and
  // with it the first compile, several times slower than on a fresh clone
  let trashed = 0;
  const clear = (...dirs: string[]) =>
    dirs.forEach((d) => fs.existsSync(path.join(root, d)) && fs.renameSync(path.join(root, d), path.join(trash, `${count}-${trashed++}`)));
  try {
    measure(codeRoot, ["compile", "--root", root]); // the base commit holds a compiled fleet
    fs.writeFileSync(path.join(root, ".gitignore"), ".cache/\n");
    git(root, "init", "-q");
    git(root, "add", "-A");
    git(root, "-c", "user.name=bench", "-c", "user.email=bench@example.org", "commit", "-qm", "base");
    for (let run = 1; run <= runs; run++) {
      progress(`${count} tenants: run ${run}/${runs}`);
      clear("generated", ".cache");
      at("first", ["compile"]);
      settle();
      floors.push(fileSystemFloor(root, trash));
      clear(".cache");
      at("full", ["compile"]);
      at("noop", ["compile"]);
      editOneTenant(root, count, run);
      at("one", ["compile"], { after: 3000 });
      fs.renameSync(path.join(root, ".cache"), path.join(root, ".cache-away"));
      at("checkCold", ["check"]);
      fs.renameSync(path.join(root, ".cache-away"), path.join(root, ".cache"));
      at("checkWarm", ["check"]);
      editOneTenant(root, count, run + runs);
      at("diff", ["diff", "--base", "HEAD"]);
      // kubeconform off: the benchmark measures the compiler's own validator, the same on every machine
      if (schemas) at("validate", ["validate", "--schemas", schemas, "--kubeconform", "off"]);
      at("docs", ["docs"]);
    }
    if (peer) {
      progress(`${count} tenants: reference peer (${path.basename(peer)})`);
      const started = performance.now();
      const r = spawnSync(process.execPath, [peer, root, codeRoot], { encoding: "utf8", maxBuffer: 1 << 26 });
      if (r.status !== 0) throw new Error(`the reference peer failed: ${r.stderr}`);
      peerMs = performance.now() - started;
      progress(r.stderr.trim());
    }
  } finally {
    fs.renameSync(root, path.join(trash, path.basename(root)));
  }
  const medians: SizeResult["medians"] = {};
  let peakRssMb = 0;
  for (const [key, list] of Object.entries(samples) as [ScenarioKey, Sample[]][]) {
    medians[key] = { commandMs: median(list.map((s) => s.commandMs)), wallMs: median(list.map((s) => s.wallMs)), maxRssMb: Math.max(...list.map((s) => s.maxRssMb)) };
    peakRssMb = Math.max(peakRssMb, medians[key]!.maxRssMb);
  }
  return { tenants: count, medians, peakRssMb, loadAfter: os.loadavg()[0]!, ...(peerMs !== undefined ? { peerMs } : {}), ...(floors.length > 0 ? { floorMs: median(floors) } : {}) };
}
