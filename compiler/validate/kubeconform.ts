// Validation with a kubeconform binary (what CI uses): runs it on the object files and maps its JSON
// output to the same problems as the in-process validator, each with its document index.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { YamlDocument } from "./documents";
import { KUBERNETES_VERSION } from "./kube-schemas";
import { problemAt, type ValidationProblem } from "./problems";

interface KubeconformResource {
  filename: string;
  kind: string;
  name: string;
  status: string;
  msg: string;
  validationErrors?: { path: string; msg: string }[];
}

/** The first `kubeconform` executable on PATH. */
export function kubeconformOnPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? "").split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, "kubeconform");
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Schema locations of a kubeconform-layout folder: Kubernetes' own kinds, then CRDs. */
export function folderLocations(dir: string): string[] {
  return [path.join(dir, "k8s"), path.join(dir, "crds", "{{.Group}}", "{{.ResourceKind}}_{{.ResourceAPIVersion}}.json")];
}

// files per run: keeps the command line far below the system's limit for thousands of tenants
const BATCH = 500;

/** Runs kubeconform -strict on `files` (absolute) and returns every problem of `docs` (the same files, parsed). */
export function runKubeconform(bin: string, files: readonly string[], locations: readonly string[], docs: readonly YamlDocument[], root: string): { problems: ValidationProblem[]; count: number } {
  const total = { problems: [] as ValidationProblem[], count: 0 };
  for (let i = 0; i < files.length; i += BATCH) {
    const run = runBatch(bin, files.slice(i, i + BATCH), locations, docs, root);
    total.problems.push(...run.problems);
    total.count += run.count;
  }
  return total;
}

function runBatch(bin: string, files: readonly string[], locations: readonly string[], docs: readonly YamlDocument[], root: string): { problems: ValidationProblem[]; count: number } {
  const args = ["-strict", "-summary", "-output", "json", "-kubernetes-version", KUBERNETES_VERSION.slice(1), ...locations.flatMap((l) => ["-schema-location", l]), ...files];
  const run = spawnSync(bin, args, { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  if (run.error) throw new Error(`could not run ${bin}: ${run.error.message}`);
  let report: { resources?: KubeconformResource[]; summary?: Record<string, number> };
  try {
    report = JSON.parse(run.stdout);
  } catch {
    throw new Error(`${bin} exited ${run.status} without a JSON report: ${(run.stderr || run.stdout).trim().slice(0, 500)}`);
  }
  const problems: ValidationProblem[] = [];
  const seen = new Map<string, number>();
  for (const r of report.resources ?? []) {
    if (r.status !== "statusInvalid" && r.status !== "statusError") continue;
    const doc = documentOf(r, docs, root, seen);
    const errors = r.validationErrors?.length ? r.validationErrors : [{ path: "", msg: r.msg }];
    for (const e of errors) problems.push(problemAt(doc, e.path || "/", e.msg));
  }
  const s = report.summary ?? {};
  return { problems, count: (s.valid ?? 0) + (s.invalid ?? 0) + (s.errors ?? 0) + (s.skipped ?? 0) };
}

/** kubeconform names file, kind and name but not the document index: the n-th match in the file is the n-th report. */
function documentOf(r: KubeconformResource, docs: readonly YamlDocument[], root: string, seen: Map<string, number>): YamlDocument {
  const abs = path.resolve(root, r.filename);
  const inFile = docs.filter((d) => path.resolve(root, d.file) === abs);
  const matches = inFile.filter((d) => {
    const v = d.value as { kind?: unknown; metadata?: { name?: unknown } } | undefined;
    return v?.kind === r.kind && (v?.metadata?.name ?? "") === r.name;
  });
  const key = `${abs}\0${r.kind}\0${r.name}`;
  const n = seen.get(key) ?? 0;
  seen.set(key, n + 1);
  return matches[n] ?? matches[0] ?? inFile[0] ?? { file: r.filename, index: 0, value: { kind: r.kind || undefined, metadata: { name: r.name } } };
}
