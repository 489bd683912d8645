// The commit HEAD points at, read from the repository's own files instead of a git process: the commit keys
// the cached fleet index of that commit. Loose refs, packed refs and linked worktrees are understood;
// anything else (a reftable store, GIT_DIR set, an unreadable file) gives undefined, and git is asked.
import fs from "node:fs";
import path from "node:path";

const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

const read = (file: string) => {
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    return undefined;
  }
};

/** The repository holding `root`: its git folder, the folder shared by its worktrees, and `root` relative to its top. */
function repositoryOf(root: string): { gitDir: string; commonDir: string; prefix: string } | undefined {
  for (let dir = path.resolve(root); ; dir = path.dirname(dir)) {
    const dotGit = path.join(dir, ".git");
    const stat = fs.statSync(dotGit, { throwIfNoEntry: false });
    if (stat) {
      let gitDir = dotGit;
      if (stat.isFile()) {
        const link = /^gitdir: (.+)$/.exec(read(dotGit) ?? "")?.[1];
        if (!link) return undefined;
        gitDir = path.resolve(dir, link);
      }
      const common = read(path.join(gitDir, "commondir"));
      return { gitDir, commonDir: common ? path.resolve(gitDir, common) : gitDir, prefix: path.relative(dir, path.resolve(root)) };
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

function refValue(commonDir: string, gitDir: string, ref: string): string | undefined {
  // HEAD and per-worktree refs live in the worktree's folder, branches in the shared one; loose before packed
  const loose = read(path.join(ref === "HEAD" ? gitDir : commonDir, ref));
  if (loose !== undefined) return loose;
  for (const line of (read(path.join(commonDir, "packed-refs")) ?? "").split("\n")) {
    const [sha, name] = line.split(" ");
    if (name === ref && sha && SHA.test(sha)) return sha;
  }
  return undefined;
}

export function headCommit(root: string): { commit: string; prefix: string } | undefined {
  if (process.env.GIT_DIR || process.env.GIT_WORK_TREE || process.env.GIT_COMMON_DIR) return undefined;
  const repo = repositoryOf(root);
  if (!repo || fs.existsSync(path.join(repo.commonDir, "reftable"))) return undefined;
  let value = refValue(repo.commonDir, repo.gitDir, "HEAD");
  for (let hops = 0; value?.startsWith("ref: ") && hops < 5; hops++) value = refValue(repo.commonDir, repo.gitDir, value.slice(5).trim());
  return value && SHA.test(value) ? { commit: value, prefix: repo.prefix } : undefined;
}

/** Surely outside any git repository: no `.git` in `root` or above it, and git not pointed elsewhere by its environment. */
export function outsideGit(root: string): boolean {
  if (process.env.GIT_DIR || process.env.GIT_WORK_TREE || process.env.GIT_COMMON_DIR) return false;
  for (let dir = path.resolve(root); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, ".git"))) return false;
    if (path.dirname(dir) === dir) return true;
  }
}
