// Ids of tenants whose file was deleted at some point in git history. A new tenant may not take one:
// the old tenant's namespace, secrets and databases (left on the cluster when it was removed) carry
// names derived from the id, so the newcomer would inherit them.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { TENANT_GLOB } from "../load";

/** Id → short hash of the commit that deleted its file (the latest such commit); empty outside git. */
export function retiredIds(root: string): Map<string, string> {
  let log: string;
  try {
    // --no-renames: a tenant file renamed away counts as deleted (git would otherwise show a rename)
    log = execFileSync("git", ["-C", root, "log", "--diff-filter=D", "--no-renames", "--name-only", "--format=commit %h", "HEAD", "--", TENANT_GLOB], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      maxBuffer: 256 * 1024 * 1024,
    });
  } catch {
    return new Map(); // not a git repository, or no commit yet
  }
  const retired = new Map<string, string>();
  let commit = "";
  for (const line of log.split("\n")) {
    if (line.startsWith("commit ")) commit = line.slice("commit ".length);
    else if (/^tenants\/[^/]+\.ts$/.test(line) && !retired.has(path.posix.basename(line, ".ts"))) retired.set(path.posix.basename(line, ".ts"), commit);
  }
  return retired;
}
