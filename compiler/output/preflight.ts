// Finds, before the first write into generated/, everything that would stop an apply half-way: a file where a
// folder must be, a folder where a file must go, a symbolic link in the path, a folder or file that cannot be
// written (a read-only mount, `chattr +i`, permissions), and a staging folder on another file system.
import fs from "node:fs";
import path from "node:path";
import { UserError, type Diagnostic } from "../diagnostics";
import { isAFolder, notAFolder, notWritable, otherFileSystem } from "./output-problems";

type Kind = "dir" | "file" | "absent";

/** Throws a UserError listing every problem; `writes` and `deletes` are paths relative to `outDir`. */
export function preflight(root: string, outDir: string, stage: string, writes: readonly string[], deletes: readonly string[]): void {
  const problems: Diagnostic[] = [];
  const shown = (rel: string) => path.relative(root, path.join(outDir, rel)) || path.basename(outDir);
  const kinds = new Map<string, Kind>();
  const kindOf = (rel: string): Kind => {
    let k = kinds.get(rel);
    if (k === undefined) {
      const st = fs.lstatSync(path.join(outDir, rel), { throwIfNoEntry: false });
      k = !st ? "absent" : st.isDirectory() ? "dir" : "file";
      kinds.set(rel, k);
    }
    return k;
  };
  const checked = new Set<string>();
  const writable = (abs: string) => {
    if (checked.has(abs)) return;
    checked.add(abs);
    try {
      fs.accessSync(abs, fs.constants.W_OK);
    } catch (e) {
      problems.push(notWritable(path.relative(root, abs) || ".", e));
    }
  };
  const inOut = (rel: string) => path.join(outDir, rel);
  // generated/ itself: a symbolic link to a folder is the user's choice; anything else must be a folder
  const top = fs.statSync(outDir, { throwIfNoEntry: false });
  if (!top) writable(nearestExisting(outDir));
  else if (!top.isDirectory()) problems.push(notAFolder(shown("")));
  else {
    const blocked = new Set<string>();
    for (const p of [...writes, ...deletes]) {
      const parent = existingParent(p);
      if (parent === undefined) continue;
      writable(inOut(parent));
      if (path.posix.dirname(p) !== (parent || ".")) continue; // its folder is still to be made: nothing stands there
      const k = kindOf(p);
      if (k === "dir") problems.push(isAFolder(shown(p)));
      else if (k === "file") writable(inOut(p)); // replaced or removed: a file marked immutable refuses that even to root
    }
    /** The deepest folder of `p` that exists (new folders are made inside it), or undefined when a file blocks the way. */
    function existingParent(p: string): string | undefined {
      let dir = "";
      for (const part of p.split("/").slice(0, -1)) {
        const next = dir ? `${dir}/${part}` : part;
        const k = kindOf(next);
        if (k === "absent") break;
        if (k === "file") {
          if (!blocked.has(next)) problems.push(notAFolder(shown(next), shown(p)));
          blocked.add(next);
          return undefined;
        }
        dir = next;
      }
      return dir;
    }
  }
  if (problems.length === 0 && !sameFileSystem(stage, outDir)) problems.push(otherFileSystem(path.relative(root, path.dirname(stage))));
  if (problems.length > 0) throw new UserError(problems);
}

function nearestExisting(abs: string): string {
  let d = abs;
  while (!fs.existsSync(d) && path.dirname(d) !== d) d = path.dirname(d);
  return d;
}

/** Staged files are moved with rename, which cannot cross file systems. */
function sameFileSystem(stage: string, outDir: string): boolean {
  return fs.statSync(nearestExisting(stage)).dev === fs.statSync(nearestExisting(outDir)).dev;
}
