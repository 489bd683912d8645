// The fleet index as last committed: generated/fleet.json at a git revision (HEAD unless `--base` names
// another), or the file on disk when the root is not a git repository. Lifecycle guards compare the
// tenants against it; reading git rather than the disk keeps them holding after a local recompile.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { Location } from "../diagnostics";
import { MANIFEST } from "../output/manifest";
import { readChecksummed, writeChecksummed } from "../cache/checksummed";
import { headCommit, outsideGit } from "./git-head";

export const INDEX_FILE = `generated/${MANIFEST}`;

export interface IndexedTenant {
  id: string;
  state: string;
  hosts: string[];
  /** Where its entry is written in the index text, for diagnostics. */
  at: Location;
}
export interface PreviousIndex {
  /** `generated/fleet.json at HEAD`, or `generated/fleet.json on disk`. */
  label: string;
  tenants: IndexedTenant[];
}
export type PreviousIndexResult = { index?: PreviousIndex } | { problem: string };

function git(root: string, args: string[]): string | undefined {
  try {
    return execFileSync("git", ["-C", root, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], maxBuffer: 256 * 1024 * 1024 });
  } catch {
    return undefined;
  }
}

// The index of a commit never changes: what was read of HEAD's is kept under HEAD's commit in .cache/.
const CACHE_FORMAT = "previous-index-1";
const cacheFile = (root: string) => path.join(root, ".cache", "previous-index.json");
type Stored = { format: string; commit: string; prefix: string; index: { label: string; tenants: (Omit<IndexedTenant, "at"> & { at: Location })[] } | null };

function cachedIndex(root: string, head: { commit: string; prefix: string }): PreviousIndexResult | undefined {
  const s = readChecksummed(cacheFile(root)) as Stored | undefined;
  if (s?.format !== CACHE_FORMAT || s.commit !== head.commit || s.prefix !== head.prefix) return undefined;
  return s.index ? { index: s.index } : {};
}

function rememberIndex(root: string, head: { commit: string; prefix: string }, result: PreviousIndexResult): void {
  if ("problem" in result) return; // a broken committed index is reported on every run
  const index = result.index ? { label: result.index.label, tenants: result.index.tenants.map((t) => ({ id: t.id, state: t.state, hosts: t.hosts, at: t.at })) } : null;
  try {
    writeChecksummed(cacheFile(root), { format: CACHE_FORMAT, ...head, index } satisfies Stored);
  } catch {
    // a cache we cannot write only costs speed
  }
}

function indexOnDisk(root: string): PreviousIndexResult {
  const file = path.join(root, INDEX_FILE);
  return fs.existsSync(file) ? parseIndex(fs.readFileSync(file, "utf8"), `${INDEX_FILE} on disk`) : {};
}

/**
 * Reads the index; no index means nothing was ever compiled or committed, so nothing can be removed.
 * `remember`: keep what was read of HEAD's index in .cache/ (compile does; check only reads the cache).
 */
export function readPreviousIndex(root: string, base?: string, opts: { remember?: boolean } = {}): PreviousIndexResult {
  if (base !== undefined && (base === "" || base.startsWith("-"))) return { problem: `--base ${JSON.stringify(base)} is not a git revision` };
  const rev = base ?? "HEAD";
  const head = base === undefined ? headCommit(root) : undefined;
  const cached = head && cachedIndex(root, head);
  if (cached) return cached;
  // no repository at all: the file on disk, without starting git twice to learn that
  if (base === undefined && !head && outsideGit(root)) return indexOnDisk(root);
  // the common case, one git process: the index at the revision
  const text = base === undefined ? git(root, ["show", `${rev}:./${INDEX_FILE}`]) : undefined;
  const remember = (result: PreviousIndexResult) => (head && opts.remember && rememberIndex(root, head, result), result);
  if (text !== undefined) return remember(parseIndex(text, `${INDEX_FILE} at ${rev}`));
  const inGit = git(root, ["rev-parse", "--is-inside-work-tree"])?.trim() === "true";
  if (!inGit) {
    if (base !== undefined) return { problem: `--base ${base} needs a git repository, and ${root} is not one` };
    return indexOnDisk(root);
  }
  if (base === undefined) return remember({}); // an unborn HEAD (no commit yet), or no index committed: nothing deployed
  // an unknown --base is the caller's mistake
  if (git(root, ["rev-parse", "--verify", "--quiet", `${rev}^{commit}`]) === undefined) return { problem: `--base ${base} is not a commit of this repository` };
  const atBase = git(root, ["show", `${rev}:./${INDEX_FILE}`]);
  return atBase === undefined ? {} : parseIndex(atBase, `${INDEX_FILE} at ${rev}`);
}

/** Committed state is untrusted input: only well-formed entries are used. */
function parseIndex(text: string, label: string): PreviousIndexResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { problem: `${label} is not valid JSON (${(e as Error).message})` };
  }
  const list = (data as { tenants?: unknown })?.tenants;
  if (!Array.isArray(list)) return { problem: `${label} has no tenants list` };
  // positions are found only when a diagnostic asks for one (the index of a large fleet is megabytes)
  let lines: Map<string, Location> | undefined;
  const locate = (id: string): Location => (lines ??= idLines(text)).get(id) ?? { file: INDEX_FILE, line: 1, col: 1 };
  const tenants: IndexedTenant[] = [];
  for (const entry of list as Record<string, unknown>[]) {
    const { id, state, hosts } = entry ?? {};
    if (typeof id !== "string" || typeof state !== "string" || !Array.isArray(hosts)) return { problem: `${label} has a malformed tenant entry` };
    tenants.push({
      id,
      state,
      hosts: hosts.filter((h): h is string => typeof h === "string"),
      get at() {
        return locate(id);
      },
    });
  }
  return { index: { label, tenants } };
}

/** Where each `"id": "<id>"` line of the index is, in one pass. */
function idLines(text: string): Map<string, Location> {
  const found = new Map<string, Location>();
  text.split("\n").forEach((line, i) => {
    const m = /^(\s*)"id": ("(?:[^"\\]|\\.)*")/.exec(line);
    const id = m ? (JSON.parse(m[2]!) as string) : undefined;
    if (id !== undefined && !found.has(id)) found.set(id, { file: INDEX_FILE, line: i + 1, col: m![1]!.length + 1 });
  });
  return found;
}
