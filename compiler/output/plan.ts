// Compares the files the compiler wants with what generated/ holds: a pure plan, no writes.
import fs from "node:fs";
import path from "node:path";
import fg from "fast-glob";
import type { OutputFile } from "../render/files";
import { hashOf, MANIFEST, readManifest } from "./manifest";

export interface Plan {
  /** New or changed files, with their full content. */
  writes: OutputFile[];
  /** Files the compiler owned that no longer belong to the output. */
  deletes: string[];
  /** Of the writes: files that do not exist yet. */
  missing: string[];
  /** Of the writes: files that exist with other content. */
  stale: string[];
  /** Of the stale files: those whose content differs from what the compiler last wrote (edited by hand). */
  edited: string[];
  /** Files in generated/ the compiler never wrote; left alone by compile, reported by check. */
  foreign: string[];
  unchanged: number;
  /** A problem with the committed manifest, if any. */
  manifestProblem?: string;
}

/** Lists files on disk under generated/ (relative, '/'-separated, sorted). */
export function listOutputDir(outDir: string): string[] {
  if (!fs.existsSync(outDir)) return [];
  return fg.sync("**/*", { cwd: outDir, onlyFiles: true, dot: true }).sort();
}

export function planOutput(outDir: string, desired: readonly OutputFile[]): Plan {
  const { manifest, problem } = readManifest(outDir);
  const onDisk = new Set(listOutputDir(outDir));
  const wanted = new Set(desired.map((f) => f.path));
  const plan: Plan = { writes: [], deletes: [], missing: [], stale: [], edited: [], foreign: [], unchanged: 0, ...(problem ? { manifestProblem: problem } : {}) };
  for (const f of desired) {
    if (!onDisk.has(f.path)) {
      plan.writes.push(f);
      plan.missing.push(f.path);
      continue;
    }
    const current = fs.readFileSync(path.join(outDir, f.path), "utf8");
    if (current === f.content) {
      plan.unchanged++;
      continue;
    }
    plan.writes.push(f);
    plan.stale.push(f.path);
    const owned = manifest.get(f.path);
    if (f.path !== MANIFEST && owned !== undefined && owned !== hashOf(current)) plan.edited.push(f.path);
  }
  for (const p of [...onDisk].sort()) {
    if (wanted.has(p)) continue;
    if (manifest.has(p)) plan.deletes.push(p);
    else plan.foreign.push(p);
  }
  return plan;
}

export const planIsEmpty = (p: Plan) => p.writes.length === 0 && p.deletes.length === 0;
