// The commit record of an apply, written atomically into the staging folder once every new file is staged: for
// each path it touches, the hash generated/ held before and the hash it holds after (none: deleted). An interrupted
// apply can be finished only when generated/ is still between those two states and the run finishing it wants
// exactly the same after-state; the staged copies are checked against their hashes before they are moved.
import fs from "node:fs";
import path from "node:path";
import { hashOf, isSafeOutputPath, MANIFEST, manifestIn } from "./manifest";
import type { OutputFile } from "../render/files";
import type { Plan } from "./plan";

const FORMAT = "compile-commit-2";
const RECORD = "COMMIT.json";

export interface Entry {
  path: string;
  /** Hash of the file before the apply; null when there was none. */
  before: string | null;
  /** Hash of the file after it; null when the apply deletes it. Writes are staged as files/<index>. */
  after: string | null;
}

export const stagingDir = (root: string) => path.join(root, ".cache", "compile-staging");
export const stagedFile = (stage: string, index: number) => path.join(stage, "files", String(index));

/**
 * The plan's changes in the order they are applied: new files, then deletions, and the manifest last, so a
 * generated/ whose manifest is new has every other change done (and an old manifest still owns what goes).
 */
export function entriesOf(plan: Plan): { entries: Entry[]; content: (string | undefined)[] } {
  const entries: Entry[] = [];
  const content: (string | undefined)[] = [];
  // the new manifest already holds the hash of every other file it lists: each is computed once per run
  const index = plan.writes.find((f) => f.path === MANIFEST);
  const known = index ? (index.manifest ?? manifestIn(index.content)) : new Map<string, string>();
  const write = (f: OutputFile) => {
    const after = f.path === MANIFEST ? hashOf(f.content) : (f.hash ?? known.get(f.path) ?? hashOf(f.content));
    entries.push({ path: f.path, before: plan.before.get(f.path) ?? null, after });
    content.push(f.content);
  };
  plan.writes.filter((f) => f.path !== MANIFEST).forEach(write);
  for (const p of plan.deletes) {
    entries.push({ path: p, before: plan.before.get(p) ?? null, after: null });
    content.push(undefined);
  }
  plan.writes.filter((f) => f.path === MANIFEST).forEach(write);
  return { entries, content };
}

/** The commit point: after this rename the apply is meant to happen. */
export function writeRecord(stage: string, entries: readonly Entry[]): void {
  const tmp = path.join(stage, `${RECORD}.tmp`);
  fs.writeFileSync(tmp, JSON.stringify({ format: FORMAT, entries }));
  fs.renameSync(tmp, path.join(stage, RECORD));
}

/** The record of an interrupted apply: undefined when there is none (staging never committed), or a reason it is unusable. */
export function readRecord(stage: string): { entries: Entry[] } | { unusable: string } | undefined {
  const file = path.join(stage, RECORD);
  if (!fs.existsSync(file)) return undefined;
  try {
    const data = JSON.parse(fs.readFileSync(file, "utf8")) as { format?: unknown; entries?: unknown };
    if (data.format !== FORMAT || !Array.isArray(data.entries)) return { unusable: "its commit record is from another version of the compiler" };
    const entries = data.entries as Entry[];
    const hashOrNull = (h: unknown) => h === null || (typeof h === "string" && /^[0-9a-f]{16}$/.test(h));
    if (!entries.every((e) => typeof e?.path === "string" && isSafeOutputPath(e.path) && hashOrNull(e.before) && hashOrNull(e.after))) return { unusable: "its commit record names an unsafe path or hash" };
    return { entries };
  } catch (e) {
    return { unusable: `its commit record cannot be read (${(e as Error).message})` };
  }
}

/** The hash of a file in generated/ now: null when there is none, "other" when something else stands there. */
export function hashNow(outDir: string, rel: string): string | null {
  const abs = path.join(outDir, rel);
  try {
    const st = fs.lstatSync(abs, { throwIfNoEntry: false });
    if (!st) return null;
    return st.isFile() ? hashOf(fs.readFileSync(abs)) : "other";
  } catch (e) {
    // a file where a folder would be: no file; unreadable: not a state the record knows
    return (e as NodeJS.ErrnoException).code === "ENOTDIR" ? null : "other";
  }
}
