// A first compile (no generated/ at all) writes every file into one folder that becomes generated/ with a single
// rename (output/apply.ts). Creating thousands of files is mostly the kernel's work, on the thread that asks for
// it: the tenant pool's threads write their tenants' files into that folder as they render them, so the work is
// spread over the cores and done while the others still render, instead of on one thread after everything.
import fs from "node:fs";
import path from "node:path";
import type { OutputFile } from "../render/files";
import { stagingDir } from "./commit-record";
import { isSafeOutputPath } from "./manifest";

const treeDir = (root: string) => path.join(root, ".cache", "first-compile");

/**
 * The folder to write ahead into when this compile is a first one (no generated/, no interrupted compile waiting
 * in the staging), made empty; undefined otherwise. The caller discards it unless the apply moved it into place.
 */
export function startFirstTree(root: string, outDir: string): string | undefined {
  const tree = treeDir(root);
  try {
    if (fs.existsSync(tree)) fs.rmSync(tree, { recursive: true, force: true }); // a first compile's that was stopped
    if (fs.lstatSync(outDir, { throwIfNoEntry: false }) || fs.existsSync(stagingDir(root))) return undefined;
    fs.mkdirSync(tree, { recursive: true });
    return tree;
  } catch {
    return undefined; // a .cache/ that cannot be written: the apply stages the files itself and reports why it cannot
  }
}

export function discardFirstTree(tree: string | undefined): void {
  if (tree && fs.existsSync(tree)) fs.rmSync(tree, { recursive: true, force: true });
}

/** Writes `f` under `tree`, making its folder unless `made` (the folders made so far) has it; throws on failure. */
export function writeInto(tree: string, f: OutputFile, made: Set<string>): void {
  const abs = path.join(tree, f.path);
  const dir = path.dirname(abs);
  if (!made.has(dir)) fs.mkdirSync(dir, { recursive: true });
  made.add(dir);
  fs.writeFileSync(abs, f.content);
}

// folders this thread has made, by tree
const made = new Map<string, Set<string>>();

/**
 * Writes the files into the tree, each marked `staged`; a file with a secret-looking finding is never written
 * (the compile stops on it), and one that cannot be written is left to the apply, which reports why.
 */
export function writeAhead(tree: string, files: OutputFile[]): void {
  let dirs = made.get(tree);
  if (!dirs) made.set(tree, (dirs = new Set()));
  for (const f of files) {
    // as the apply refuses any write outside generated/ (an unsafe path is left to it, which reports a bug)
    if (f.findings === undefined || f.findings.length > 0 || !isSafeOutputPath(f.path)) continue;
    try {
      writeInto(tree, f, dirs);
      f.staged = true;
    } catch {
      // the apply writes it again and reports a failure
    }
  }
}
