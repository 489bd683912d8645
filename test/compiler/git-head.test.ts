// HEAD's commit read from the repository's files (it keys the cached committed fleet index), against git itself.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { headCommit } from "../../compiler/fleet/git-head";
import { readPreviousIndex } from "../../compiler/fleet/previous-index";
import { tempDir } from "../helpers/fleet";

const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", ["-C", cwd, "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false", ...args], { encoding: "utf8" }).trim();

function repo(): string {
  const root = tempDir("fleet-git-head-");
  git(root, "init", "-q", "-b", "main");
  fs.mkdirSync(path.join(root, "generated"));
  fs.writeFileSync(path.join(root, "generated", "fleet.json"), JSON.stringify({ tenants: [{ id: "acme", state: "active", hosts: ["a.example.org"] }] }));
  git(root, "add", "-A");
  git(root, "commit", "-q", "-m", "one");
  return root;
}

test("loose and packed refs, a detached HEAD, a subfolder and a linked worktree give git's own answer", () => {
  const root = repo();
  assert.equal(headCommit(root), { commit: git(root, "rev-parse", "HEAD"), prefix: "" });
  git(root, "commit", "-q", "--allow-empty", "-m", "two");
  git(root, "pack-refs", "--all");
  assert.not.ok(fs.existsSync(path.join(root, ".git", "refs", "heads", "main")), "the branch is packed");
  assert.is(headCommit(root)?.commit, git(root, "rev-parse", "HEAD"));
  git(root, "checkout", "-q", "--detach", "HEAD~1");
  assert.is(headCommit(root)?.commit, git(root, "rev-parse", "HEAD"));
  assert.equal(headCommit(path.join(root, "generated")), { commit: git(root, "rev-parse", "HEAD"), prefix: "generated" });
  const wt = path.join(tempDir("fleet-git-wt-"), "wt");
  git(root, "worktree", "add", "-q", "-b", "side", wt, "main");
  git(wt, "commit", "-q", "--allow-empty", "-m", "three");
  assert.is(headCommit(wt)?.commit, git(wt, "rev-parse", "HEAD"));
  assert.is.not(headCommit(wt)?.commit, headCommit(root)?.commit);
  assert.is(headCommit(tempDir("fleet-no-git-")), undefined);
});

test("the committed index is kept per commit: a new commit is read again, a damaged cache is ignored", () => {
  const root = repo();
  const first = readPreviousIndex(root, undefined, { remember: true });
  assert.ok(fs.existsSync(path.join(root, ".cache", "previous-index.json")));
  assert.equal(readPreviousIndex(root), first, "served from the cache");
  fs.writeFileSync(path.join(root, "generated", "fleet.json"), JSON.stringify({ tenants: [] }));
  git(root, "commit", "-q", "-am", "acme gone");
  const second = readPreviousIndex(root, undefined, { remember: true });
  assert.ok("index" in second && second.index!.tenants.length === 0, "HEAD moved: the new commit's index");
  const cache = path.join(root, ".cache", "previous-index.json");
  fs.writeFileSync(cache, fs.readFileSync(cache, "utf8").replace('"tenants":[]', '"tenants":[{"id":"x","state":"active","hosts":[]}]'));
  assert.equal(readPreviousIndex(root), second, "a cache failing its checksum is not trusted");
});

test.run();
