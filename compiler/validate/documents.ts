// The YAML documents to validate: every file of generated/ and of render output folders, parsed once,
// each document with its file and index; Helm values files are told apart from Kubernetes objects.
import fs from "node:fs";
import path from "node:path";
import { ValidateSetupError } from "./problems";
import { loadAll11 } from "./yaml11";

export interface YamlDocument {
  /** Relative to the repository root when inside it ('/'-separated), absolute otherwise. */
  file: string;
  /** 0-based position of the document in its file. */
  index: number;
  value: unknown;
  /** A YAML syntax error, when the document could not be read. */
  parseError?: string;
}

/** A Helm values file by its name: values.yaml, values-<x>.yaml, or any YAML under a values/ folder. */
export const looksLikeValuesFile = (file: string) => /(^|\/)values(-[^/]*)?\.ya?ml$|(^|\/)values\/[^/]+\.ya?ml$/.test(file);

export function shownPath(root: string, abs: string): string {
  const rel = path.relative(root, abs);
  return rel.startsWith("..") || path.isAbsolute(rel) ? abs : rel.split(path.sep).join("/");
}

/** The documents of the file `abs`; `text`: its content when already read (else read here, errors reported as problems). */
export function readDocuments(root: string, abs: string, file = shownPath(root, abs), text?: string): YamlDocument[] {
  let values: unknown[];
  try {
    values = loadAll11(text ?? fs.readFileSync(abs, "utf8"), file);
  } catch (e) {
    return [{ file, index: 0, value: undefined, parseError: (e as Error).message.split("\n")[0]! }];
  }
  return values.flatMap((value, index) => (value === null || value === undefined ? [] : [{ file, index, value }]));
}

/**
 * Absolute paths of the files to validate, sorted: generated/**\/*.yaml (Tutor's config.yml is not a
 * Kubernetes file), and every *.yaml/*.yml of the other folders or files given (render output).
 */
export function collectFiles(root: string, targets: readonly string[]): string[] {
  const files = new Set<string>();
  for (const target of targets) {
    const abs = path.resolve(root, target);
    if (!fs.existsSync(abs)) throw new ValidateSetupError(`no such file or folder: ${target}`);
    if (fs.statSync(abs).isFile()) {
      files.add(abs);
      continue;
    }
    const wanted = abs === path.join(root, "generated") ? /\.yaml$/ : /\.ya?ml$/;
    walk(abs, wanted, files);
  }
  return [...files].sort();
}

/**
 * Files under `dir` whose name matches, as a glob `**\/*.yaml` finds them: hidden files and folders are left out,
 * symbolic links followed (a plain walk: a glob library costs more to load and run than the walk itself).
 * `links`: the real paths of the linked folders followed, so that a link back up the tree ends the walk there.
 */
function walk(dir: string, wanted: RegExp, out: Set<string>, links = new Set<string>()): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, wanted, out, links);
    else if (entry.isFile()) {
      if (wanted.test(entry.name)) out.add(full);
    } else if (entry.isSymbolicLink()) {
      const target = fs.statSync(full, { throwIfNoEntry: false });
      if (target?.isFile() && wanted.test(entry.name)) out.add(full);
      if (!target?.isDirectory()) continue;
      const real = fs.realpathSync.native(full);
      const here = fs.realpathSync.native(dir);
      if (links.has(real) || here === real || here.startsWith(real + path.sep)) continue;
      links.add(real);
      walk(full, wanted, out, links);
    }
  }
}
