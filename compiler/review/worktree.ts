// The base revision compiled by its own compiler in a temporary git worktree (outside the user's checkout),
// read back as path → hash, with the content of the files the caller asks for (those that differ from the
// working tree's); the worktree is removed afterwards, whatever happens.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { hashOf } from "../output/manifest";
import { listOutputDir } from "../output/plan";

export class ReviewError extends Error {}

const THIS_CLI = fileURLToPath(new URL("../cli.ts", import.meta.url));

export interface RevisionFiles {
  sha: string;
  /** Path relative to generated/ → hashOf(content), for every file. */
  hashes: Map<string, string>;
  /** Path → content, of the files `keep` asked for. */
  files: Map<string, string>;
  /** Set when the base could not be compiled and its committed generated/ stands in. */
  note?: string;
}

function git(root: string, ...args: string[]): { ok: boolean; out: string; err: string } {
  const r = spawnSync("git", ["-C", root, ...args], { encoding: "utf8" });
  return { ok: r.status === 0, out: (r.stdout ?? "").trim(), err: (r.stderr ?? "").trim() };
}

export function resolveRef(root: string, ref: string): string {
  const r = git(root, "rev-parse", "--verify", "--quiet", `${ref}^{commit}`);
  if (!r.ok || !r.out) throw new ReviewError(`--base ${ref}: not a commit of the git repository at ${root}${r.err ? ` (${r.err})` : ""}`);
  return r.out;
}

/** Which files' content the caller needs, by path and hash (the others are compared by hash alone). */
export type Keep = (path: string, hash: string) => boolean;

function readTree(dir: string, keep: Keep): Pick<RevisionFiles, "hashes" | "files"> {
  const hashes = new Map<string, string>();
  const files = new Map<string, string>();
  for (const f of listOutputDir(dir)) {
    const bytes = fs.readFileSync(path.join(dir, f));
    const hash = hashOf(bytes);
    hashes.set(f, hash);
    if (keep(f, hash)) files.set(f, bytes.toString("utf8"));
  }
  return { hashes, files };
}

/** The user's compile cache, copied (never shared: the base's compile may prune it) so the base compiles fast. */
function seedCache(root: string, dir: string): void {
  for (const part of ["tenants", "v8"]) {
    const from = path.join(root, ".cache", part);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(dir, ".cache", part), { recursive: true });
  }
}

// a base commit never changes, so one process (a test run, a CI job) compiles it once
const compiled = new Map<string, RevisionFiles>();

const holds = (r: RevisionFiles, keep: Keep) => [...r.hashes].every(([p, hash]) => !keep(p, hash) || r.files.has(p));

/** Checks out `sha` detached in the OS temp folder, compiles it with its own compiler, reads generated/. */
export function compileRevision(root: string, sha: string, keep: Keep = () => true): RevisionFiles {
  const memo = compiled.get(`${root}\0${sha}`);
  if (memo && holds(memo, keep)) return memo;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fleet-review-base-"));
  try {
    const add = git(root, "worktree", "add", "--detach", "--quiet", dir, sha);
    if (!add.ok) throw new ReviewError(`could not check out ${sha} in a temporary worktree: ${add.err}`);
    const modules = path.join(root, "node_modules");
    if (fs.existsSync(modules)) fs.symlinkSync(modules, path.join(dir, "node_modules"), "dir");
    seedCache(root, dir);
    // a revision compiles with its own compiler; a fleet kept apart from the compiler (--root) with this one
    const own = fs.existsSync(path.join(dir, "compiler", "cli.ts"));
    const [cli, cwd] = own ? [path.join(dir, "compiler", "cli.ts"), dir] : [THIS_CLI, path.dirname(path.dirname(THIS_CLI))];
    const run = spawnSync(process.execPath, ["--import", "tsx", cli, "compile", "--root", dir], { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    const result: RevisionFiles = { sha, ...readTree(path.join(dir, "generated"), keep) };
    if (run.status !== 0) {
      const why = (run.stderr || run.stdout || String(run.error ?? "")).trim().split("\n").slice(0, 3).join(" ");
      result.note = `the base revision ${sha.slice(0, 12)} did not compile (${why}); its committed generated/ is compared instead`;
    }
    compiled.set(`${root}\0${sha}`, result);
    return result;
  } finally {
    if (!git(root, "worktree", "remove", "--force", dir).ok) {
      fs.rmSync(dir, { recursive: true, force: true });
      git(root, "worktree", "prune");
    }
  }
}
