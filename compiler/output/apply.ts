// Applies a plan to generated/ all-or-nothing. New content is staged outside generated/, then a commit
// record is written atomically; only then are files moved into place. A run killed before the commit
// record leaves generated/ untouched; one killed after it is finished by the next run (roll-forward).
import fs from "node:fs";
import path from "node:path";
import { isSafeOutputPath } from "./manifest";
import type { Plan } from "./plan";

const COMMIT = "COMMIT.json";

interface CommitRecord {
  writes: string[];
  deletes: string[];
}

export function stagingDir(root: string): string {
  return path.join(root, ".cache", "compile-staging");
}

/** Finishes or discards an interrupted apply. Returns what it did, for the log. */
export function recover(root: string, outDir: string): "none" | "discarded" | "completed" {
  const stage = stagingDir(root);
  if (!fs.existsSync(stage)) return "none";
  const commitFile = path.join(stage, COMMIT);
  if (!fs.existsSync(commitFile)) {
    fs.rmSync(stage, { recursive: true, force: true });
    return "discarded";
  }
  const record = JSON.parse(fs.readFileSync(commitFile, "utf8")) as CommitRecord;
  replay(stage, outDir, record);
  return "completed";
}

export function applyPlan(root: string, outDir: string, plan: Plan): void {
  recover(root, outDir);
  const stage = stagingDir(root);
  fs.rmSync(stage, { recursive: true, force: true });
  // staged flat, by index: no directory tree to create and remove again (thousands of tenants)
  fs.mkdirSync(path.join(stage, "files"), { recursive: true });
  plan.writes.forEach((f, i) => {
    if (!isSafeOutputPath(f.path)) throw new Error(`internal error: unsafe output path ${f.path}`);
    fs.writeFileSync(path.join(stage, "files", String(i)), f.content);
  });
  const record: CommitRecord = { writes: plan.writes.map((f) => f.path), deletes: plan.deletes };
  fs.mkdirSync(stage, { recursive: true });
  const tmp = path.join(stage, `${COMMIT}.tmp`);
  fs.writeFileSync(tmp, JSON.stringify(record));
  fs.renameSync(tmp, path.join(stage, COMMIT)); // the commit point
  replay(stage, outDir, record);
}

/** Moves staged files into place and deletes what left the plan; safe to run again after a crash. */
function replay(stage: string, outDir: string, record: CommitRecord): void {
  const made = new Set<string>();
  record.writes.forEach((p, i) => {
    const from = path.join(stage, "files", String(i));
    if (!fs.existsSync(from)) return; // moved by an earlier, interrupted replay
    const to = path.join(outDir, p);
    const dir = path.dirname(to);
    if (!made.has(dir)) fs.mkdirSync(dir, { recursive: true });
    made.add(dir);
    fs.renameSync(from, to);
  });
  for (const p of record.deletes) {
    if (!isSafeOutputPath(p)) continue;
    fs.rmSync(path.join(outDir, p), { force: true });
    removeEmptyParents(outDir, path.dirname(p));
  }
  fs.rmSync(stage, { recursive: true, force: true });
}

function removeEmptyParents(outDir: string, dir: string): void {
  for (let d = dir; d !== "." && d !== ""; d = path.posix.dirname(d)) {
    const abs = path.join(outDir, d);
    try {
      if (fs.readdirSync(abs).length > 0) return;
      fs.rmdirSync(abs);
    } catch {
      return;
    }
  }
}
