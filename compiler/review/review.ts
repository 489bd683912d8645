// `npm run diff` as one function: the base revision compiled in a temporary worktree, the working tree
// compiled in memory (never written), and the review of what would change between the two.
import { spawnSync } from "node:child_process";
import { build } from "../compile";
import { buildReview, type Review } from "./report";
import { compileRevision, resolveRef } from "./worktree";

function describeHead(root: string): string {
  const git = (...args: string[]) => spawnSync("git", ["-C", root, ...args], { encoding: "utf8" }).stdout?.trim() ?? "";
  const sha = git("rev-parse", "--short=12", "HEAD");
  const dirty = git("status", "--porcelain", "--", "platform", "tenants", "compiler") !== "";
  return `working tree${sha ? ` at ${sha}` : ""}${dirty ? " with uncommitted changes" : ""}`;
}

/** Throws ReviewError for a bad ref, UserError when the working tree does not compile. */
export function reviewChange(root: string, ref: string): Review {
  const sha = resolveRef(root, ref);
  const head = new Map(build(root).files.map((f) => [f.path, f.content]));
  const base = compileRevision(root, sha);
  return buildReview(base.files, head, { ref, sha, head: describeHead(root), notes: base.note ? [base.note] : [] });
}
