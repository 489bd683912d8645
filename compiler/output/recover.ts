// What a compile does with the staging an interrupted compile left behind. It runs only once this compile has
// validated everything (a compile that reports an error changes nothing), and it finishes the interrupted apply
// only when that is exactly what this run would write anyway:
// - every path the record touches is still in its before- or after-state (nothing else changed it since, such as
//   a `git checkout`),
// - this run wants exactly the record's after-state at each of those paths (same inputs, same output),
// - each staged file still to move has the hash the record gives it.
// Otherwise the staging is discarded; the files the interrupted run had already written count as the compiler's,
// so this run's plan replaces or deletes them like any other owned file.
import fs from "node:fs";
import { hashOf } from "./manifest";
import { hashNow, readRecord, stagedFile, stagingDir, type Entry } from "./commit-record";
import { replay } from "./apply";
import { preflight } from "./preflight";
import type { OutputFile } from "../render/files";

export type Recovery =
  | { action: "none" }
  | { action: "completed"; files: number }
  | { action: "discarded"; reason: string; owned: string[] };

export function resolveInterrupted(root: string, outDir: string, desired: readonly OutputFile[]): Recovery {
  const stage = stagingDir(root);
  if (!fs.existsSync(stage)) return { action: "none" };
  const read = readRecord(stage);
  const discard = (reason: string, owned: string[] = []): Recovery => {
    fs.rmSync(stage, { recursive: true, force: true });
    return { action: "discarded", reason, owned };
  };
  if (read === undefined) return discard("it was stopped before it started writing generated/");
  if ("unusable" in read) return discard(read.unusable);
  const { entries } = read;
  const now = entries.map((e) => hashNow(outDir, e.path));
  // files the interrupted run had already put in place
  const written = entries.filter((e, i) => e.after !== null && now[i] === e.after).map((e) => e.path);
  const changed = entries.findIndex((e, i) => now[i] !== e.before && now[i] !== e.after);
  if (changed >= 0) return discard(`generated/${entries[changed]!.path} has changed since (a checkout or an edit)`, written);
  const wanted = new Map(desired.map((f) => [f.path, f]));
  const differs = entries.find((e) => wantedHash(wanted.get(e.path)) !== e.after);
  if (differs) return discard(`this run's inputs give other content for generated/${differs.path}`, written);
  const pending = (i: number) => now[i] !== entries[i]!.after;
  const damaged = entries.find((e, i) => pending(i) && e.after !== null && !stagedIntact(stage, i, e));
  if (damaged) return discard(`its staged copy of generated/${damaged.path} is missing or damaged`, written);
  const todo = entries.filter((_, i) => pending(i));
  preflight(
    root,
    outDir,
    stage,
    todo.filter((e) => e.after !== null).map((e) => e.path),
    todo.filter((e) => e.after === null).map((e) => e.path),
  );
  replay(root, stage, outDir, entries, pending);
  return { action: "completed", files: todo.length };
}

const wantedHash = (f: OutputFile | undefined) => (f ? (f.hash ?? hashOf(f.content)) : null);

function stagedIntact(stage: string, i: number, e: Entry): boolean {
  try {
    return hashOf(fs.readFileSync(stagedFile(stage, i))) === e.after;
  } catch {
    return false;
  }
}

/** For check and the other readers: a line when an interrupted compile's staging is waiting, else undefined. */
export function interruptedNote(root: string): string | undefined {
  const stage = stagingDir(root);
  if (!fs.existsSync(stage)) return undefined;
  return readRecord(stage) === undefined
    ? undefined // never committed: generated/ was not touched
    : "note: a compile was interrupted while updating generated/ (.cache/compile-staging/); the next `npm run compile` finishes or discards it";
}
