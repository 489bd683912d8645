// `npm run diff` as one function: the base revision compiled in a temporary worktree, the working tree
// compiled in memory (never written), and the review of what would change between the two.
import { spawnSync } from "node:child_process";
import { TenantCache } from "../cache/tenant-cache";
import { build } from "../compile";
import { hashOf, MANIFEST } from "../output/manifest";
import { formatDiagnostic, sortDiagnostics } from "../diagnostics";
import { clusterCapacity } from "./capacity";
import { buildReview, type Review } from "./report";
import { compileRevision, resolveRef } from "./worktree";

function describeHead(root: string): string {
  const git = (...args: string[]) => spawnSync("git", ["-C", root, ...args], { encoding: "utf8" }).stdout?.trim() ?? "";
  const sha = git("rev-parse", "--short=12", "HEAD");
  const dirty = git("status", "--porcelain", "--", "platform", "tenants", "compiler") !== "";
  return `working tree${sha ? ` at ${sha}` : ""}${dirty ? " with uncommitted changes" : ""}`;
}

/** Throws ReviewError for a bad ref, UserError when the working tree does not compile. */
export function reviewChange(root: string, ref: string, opts: { failure?: string } = {}): Review {
  const sha = resolveRef(root, ref);
  // the working tree through the compile cache (read only): unchanged tenants' files are known by their hash,
  // and only files that differ from the base are rendered or read; the index always (its tenant lines)
  const head = build(root, { cache: new TenantCache(root, { readOnly: true }) });
  const headFiles = head.files;
  const headHash = new Map(headFiles.map((f) => [f.path, f.hash ?? hashOf(f.content)]));
  const differs = (p: string, hash: string | undefined) => p === MANIFEST || headHash.get(p) !== hash;
  const base = compileRevision(root, sha, differs);
  const changed = new Map(headFiles.filter((f) => differs(f.path, base.hashes.get(f.path))).map((f) => [f.path, f.content]));
  // a file equal in both versions is no change, so the review of these files is the review of all
  return buildReview(base.files, changed, {
    ref,
    sha,
    head: describeHead(root),
    notes: base.note ? [base.note] : [],
    warnings: sortDiagnostics(head.warnings).map(formatDiagnostic),
    capacity: (before) => clusterCapacity(head.model, before),
    failure: opts.failure,
  });
}
