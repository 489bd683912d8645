// The base revision compiled by its own compiler: in this process when that compiler is this one (or the
// revision has none), else in a temporary git worktree (outside the user's checkout) by its own CLI. Read
// back as path → hash, with the content of the files the caller asks for (those that differ from the
// working tree's); temporary folders and worktrees are removed afterwards, whatever happens.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sourcesHash } from "../cache/sources-hash.mjs";
import { TenantCache } from "../cache/tenant-cache";
import { build } from "../compile";
import { UserError } from "../diagnostics";
import { hashOf } from "../output/manifest";
import { listOutputDir } from "../output/plan";

export class ReviewError extends Error {}

const THIS_CLI = fileURLToPath(new URL("../cli.ts", import.meta.url));
const CODE_ROOT = path.dirname(path.dirname(THIS_CLI));

export interface RevisionFiles {
  sha: string;
  /** Path relative to generated/ → hashOf(content), for every file. */
  hashes: Map<string, string>;
  /** Path → content, of the files `keep` asked for. */
  files: Map<string, string>;
  /** How the base was compiled. */
  built: "in process" | "worktree";
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
  for (const part of ["tenants"]) {
    const from = path.join(root, ".cache", part);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(dir, ".cache", part), { recursive: true });
  }
}

// a base commit never changes, so one process (a test run, a CI job) compiles it once
const compiled = new Map<string, RevisionFiles>();

const holds = (r: RevisionFiles, keep: Keep) => [...r.hashes].every(([p, hash]) => !keep(p, hash) || r.files.has(p));

/** Checks out `sha` detached in the OS temp folder, compiles it with its own compiler, reads generated/. */
/**
 * The base built in this process, when that is what its own compiler would do: the revision holds no
 * compiler (a fleet kept apart from it) or exactly this one. Only its sources are checked out (platform/,
 * tenants/, compiler/), through a throw-away index, so the user's checkout and index stay untouched and no
 * generated/ is written; unchanged tenants come from the user's compile cache. Undefined when the fast way
 * does not apply or the base does not build: the worktree way then compiles it (and reports a failure).
 */
function buildInProcess(root: string, sha: string, keep: Keep): RevisionFiles | undefined {
  const gitDir = git(root, "rev-parse", "--absolute-git-dir");
  if (!gitDir.ok || git(root, "rev-parse", "--show-prefix").out !== "") return undefined;
  const top = new Set(git(root, "ls-tree", "--name-only", sha).out.split("\n"));
  const paths = ["platform", "tenants", "compiler", "package-lock.json"].filter((p) => top.has(p));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "fleet-review-sources-"));
  const dir = path.join(tmp, "fleet");
  try {
    fs.mkdirSync(dir);
    const env = { ...process.env, GIT_INDEX_FILE: path.join(tmp, "index") };
    const checkout = spawnSync("git", [`--git-dir=${gitDir.out}`, `--work-tree=${dir}`, "-C", dir, "checkout", sha, "--", ...paths], { env, encoding: "utf8" });
    if (checkout.status !== 0) return undefined;
    if (paths.includes("compiler") && sourcesHash(dir) !== sourcesHash(CODE_ROOT)) return undefined;
    let files;
    try {
      files = build(dir, { cache: new TenantCache(dir, { readOnly: true, cacheRoot: root }) }).files;
    } catch (e) {
      if (e instanceof UserError) return undefined;
      throw e;
    }
    const result: RevisionFiles = { sha, built: "in process", hashes: new Map(), files: new Map() };
    for (const f of files) {
      const hash = f.hash ?? hashOf(f.content);
      result.hashes.set(f.path, hash);
      if (keep(f.path, hash)) result.files.set(f.path, f.content);
    }
    return result;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** `worktree`: always compile in a worktree (tests compare the two ways). */
export function compileRevision(root: string, sha: string, keep: Keep = () => true, opts: { worktree?: boolean } = {}): RevisionFiles {
  const key = `${root}\0${sha}\0${opts.worktree ? "worktree" : ""}`;
  const memo = compiled.get(key);
  if (memo && holds(memo, keep)) return memo;
  const fast = opts.worktree ? undefined : buildInProcess(root, sha, keep);
  if (fast) {
    compiled.set(key, fast);
    return fast;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fleet-review-base-"));
  try {
    const add = git(root, "worktree", "add", "--detach", "--quiet", dir, sha);
    if (!add.ok) throw new ReviewError(`could not check out ${sha} in a temporary worktree: ${add.err}`);
    const modules = path.join(root, "node_modules");
    if (fs.existsSync(modules)) fs.symlinkSync(modules, path.join(dir, "node_modules"), "dir");
    seedCache(root, dir);
    // a revision compiles with its own compiler; a fleet kept apart from the compiler (--root) with this one
    const own = fs.existsSync(path.join(dir, "compiler", "cli.ts"));
    const [cli, cwd] = own ? [path.join(dir, "compiler", "cli.ts"), dir] : [THIS_CLI, CODE_ROOT];
    // as `npm run compile` runs it: the revision's own bundle (compiler/run.mjs) when it has one, which costs a
    // third of compiling every module through tsx in a folder tsx has never seen
    const bundled = path.join(path.dirname(cli), "run.mjs");
    const entry = fs.existsSync(bundled) ? [bundled] : ["--import", "tsx", cli];
    const run = spawnSync(process.execPath, [...entry, "compile", "--root", dir], { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    const result: RevisionFiles = { sha, built: "worktree", ...readTree(path.join(dir, "generated"), keep) };
    if (run.status !== 0) {
      const why = (run.stderr || run.stdout || String(run.error ?? "")).trim().split("\n").slice(0, 3).join(" ");
      result.note = `the base revision ${sha.slice(0, 12)} did not compile (${why}); its committed generated/ is compared instead`;
    }
    compiled.set(key, result);
    return result;
  } finally {
    if (!git(root, "worktree", "remove", "--force", dir).ok) {
      fs.rmSync(dir, { recursive: true, force: true });
      git(root, "worktree", "prune");
    }
  }
}
