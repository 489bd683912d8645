// Throw-away git repositories holding this project's compiler and the fixture fleet, for the review tests.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { FIXTURE_FLEET, REPO_ROOT, tempDir } from "./fleet";

const git = (root: string, ...args: string[]) =>
  execFileSync("git", ["-C", root, "-c", "user.name=test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false", ...args], { encoding: "utf8" }).trim();

/** A new repository under the OS temp folder with one commit; node_modules is a symlink to this project's. */
export function gitFleet(): { root: string; base: string } {
  const root = tempDir("fleet-git-");
  for (const entry of ["compiler", "package.json", "package-lock.json", "tsconfig.json"]) fs.cpSync(path.join(REPO_ROOT, entry), path.join(root, entry), { recursive: true });
  for (const entry of ["platform", "tenants"]) fs.cpSync(path.join(FIXTURE_FLEET, entry), path.join(root, entry), { recursive: true });
  fs.writeFileSync(path.join(root, ".gitignore"), "node_modules\n.cache/\n");
  fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(root, "node_modules"), "dir");
  git(root, "init", "-q", "-b", "main");
  git(root, "add", "-A");
  git(root, "commit", "-q", "-m", "base");
  return { root, base: git(root, "rev-parse", "HEAD") };
}

/** Back to `sha` exactly: tracked files restored, untracked ones removed. */
export function resetTo(root: string, sha: string): void {
  git(root, "reset", "-q", "--hard", sha);
  git(root, "clean", "-q", "-fd");
}

/** Commits `edit` on top of `base` and returns the new commit, leaving the checkout at `base`. */
export function commitVariant(root: string, base: string, edit: (root: string) => void): string {
  edit(root);
  git(root, "commit", "-q", "-am", "variant");
  const sha = git(root, "rev-parse", "HEAD");
  resetTo(root, base);
  return sha;
}

/** Replaces `from` with `to` in a file of the repository; fails when `from` is not there. */
export function patchFile(root: string, rel: string, from: string, to: string): void {
  const file = path.join(root, rel);
  const text = fs.readFileSync(file, "utf8");
  if (!text.includes(from)) throw new Error(`${rel} does not contain ${from}`);
  fs.writeFileSync(file, text.replace(from, to));
}

export const worktrees = (root: string) => git(root, "worktree", "list", "--porcelain").split("\n").filter((l) => l.startsWith("worktree ")).length;
