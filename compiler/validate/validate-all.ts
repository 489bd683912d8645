// `npm run validate` as data: every YAML document of generated/ and of render output folders checked
// against strict schemas (kubeconform when available, else in-process), Helm values against chart schemas.
import os from "node:os";
import path from "node:path";
import { CODE_ROOT } from "../code-root";
import { workersAsked } from "../parallel/protocol";
import { collectFiles, looksLikeValuesFile, readDocuments, shownPath, type YamlDocument } from "./documents";
import { chartUses, isChartFile, type ChartUse } from "./chart-uses";
import { validateValues, type ValuesResult } from "./helm-values";
import { findSchemaDir } from "./kube-schemas";
import { folderLocations, runKubeconform } from "./kubeconform";
import { ScanPool } from "./pool";
import { sortProblems, ValidateSetupError, type ValidationProblem } from "./problems";
import { isValuesOrChart, makeValidator, type ValidatorSpec } from "./scan-files";

/**
 * Compiled validators depend on the schemas only, not on the fleet: they are kept beside the compiler's own
 * caches (.cache/build), so every fleet validated by this checkout shares them.
 */
const VALIDATOR_CACHE = path.join(CODE_ROOT, ".cache", "validators");
// a worker costs its own start-up, modules and validators (~0.3 s of CPU at 1,000 tenants): worth it from a few hundred files
const MIN_FILES_FOR_WORKERS = 200;
const MAX_THREADS = 4;

export interface ValidateOptions {
  root: string;
  /** Folders or files; generated/ when empty. */
  targets: string[];
  schemas?: string;
  chartSchemas?: string;
  /** Path of a kubeconform binary to use instead of validating in-process. */
  kubeconform?: string;
  /** Told what is being done, for a progress line. */
  onStage?: (text: string) => void;
  /** kubeconform schema locations used when no schema folder is found (URLs or templates). */
  schemaLocations: string[];
  /** Threads validating in-process (default: one per core, up to 4, for a few hundred files or more). */
  threads?: number;
}

export interface ValidateReport {
  engine: string;
  /** Objects not checked, by `Kind apiVersion`: custom resources when only the packaged schemas are at hand. */
  skipped: [string, number][];
  files: number;
  objects: number;
  problems: ValidationProblem[];
  values: ValuesResult;
}

/**
 * kubeconform's own schema registry and the community CRD catalog, each at a pinned commit (kubeconform's
 * `default` follows a branch), for runs with kubeconform and no schema folder. The CI workflow names the same.
 */
export const REMOTE_LOCATIONS = [
  "https://raw.githubusercontent.com/yannh/kubernetes-json-schema/8df8a883b68a24a104b4a9e43c1288090ae60b3b/{{.NormalizedKubernetesVersion}}-standalone{{.StrictSuffix}}/{{.ResourceKind}}{{.KindSuffix}}.json",
  "https://raw.githubusercontent.com/datreeio/CRDs-catalog/7b1e26ef9deea49293714d204c1a2270aab1178f/{{.Group}}/{{.ResourceKind}}_{{.ResourceAPIVersion}}.json",
];

/** Every chart the Applications among `targets` deploy, as `repoURL<TAB>chart<TAB>version` lines (for CI to pull their schemas). */
export function chartList(root: string, targets: readonly string[]): string[] {
  const docs = collectFiles(root, targets.length > 0 ? targets : ["generated"]).flatMap((f) => readDocuments(root, f));
  return [...new Set(chartUses(docs).map((u) => `${u.repoURL}\t${u.chart}\t${u.version}`))].sort();
}

/**
 * Schemas, in order: a schema folder (--schemas, FLEET_SCHEMAS, ../shared/schemas) in-process or with
 * kubeconform; kubeconform with its schema locations; else the packaged schemas of Kubernetes' own kinds
 * (packaged-schemas.ts), which skip custom resources and say so.
 */
/** FLEET_WORKERS=N: N worker threads beside the main one, as for compile; unset: one thread per core. */
const threadsAsked = () => {
  const workers = workersAsked();
  return workers === undefined ? undefined : workers + 1;
};

export async function validateAll(opts: ValidateOptions): Promise<ValidateReport> {
  const dir = findSchemaDir(opts.root, opts.schemas);
  if (opts.schemas && dir !== opts.schemas) throw new ValidateSetupError(`--schemas ${opts.schemas}: no k8s/ folder there (expected kubeconform's layout, see docs/internals.md)`);
  const spec: ValidatorSpec = dir ? { kind: "folder", dir, cacheDir: VALIDATOR_CACHE } : { kind: "packaged" };
  // the workers start before the files are listed, so that their start-up overlaps the main thread's work
  const threads = opts.kubeconform ? 1 : (opts.threads ?? threadsAsked() ?? Math.min(os.availableParallelism(), MAX_THREADS));
  const pool = threads > 1 ? new ScanPool(opts.root, spec, threads - 1) : undefined;
  let run: ObjectsRun;
  try {
    const files = collectFiles(opts.root, opts.targets.length > 0 ? opts.targets : ["generated"]);
    opts.onStage?.(`validating the objects of ${files.length.toLocaleString("en-US")} file(s)…`);
    // a handful of files: not worth the workers' own start-up and validators
    if (pool && opts.threads === undefined && files.length < MIN_FILES_FOR_WORKERS) pool.close();
    run = opts.kubeconform ? withKubeconform(opts, files, dir) : await inProcess(opts, files, spec, pool);
  } finally {
    pool?.close();
  }
  const valuesResult = validateValues(run.values, run.uses, opts.chartSchemas);
  const skipped = [...run.skips].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { engine: run.engine, skipped, files: run.files, objects: run.objects, problems: sortProblems([...run.problems, ...valuesResult.problems]), values: valuesResult };
}

/** What validating the objects gave, and the values files (with the charts they are for) still to check. */
interface ObjectsRun {
  engine: string;
  files: number;
  objects: number;
  problems: ValidationProblem[];
  skips: Map<string, number>;
  values: YamlDocument[];
  uses: ChartUse[];
}

/** Values files are told apart by the Applications that name them, or by their name; Chart.yaml is chart metadata. */
function valuesTest(uses: readonly ChartUse[]): (file: string) => boolean {
  const referenced = new Set(uses.flatMap((u) => u.valueFiles));
  return (f) => !isChartFile(f) && (referenced.has(f) || looksLikeValuesFile(f));
}

/** Every file read at once, as kubeconform is given whole files and its reports are matched to documents. */
function withKubeconform(opts: ValidateOptions, files: string[], dir: string | undefined): ObjectsRun {
  const docsByFile = new Map(files.map((f) => [f, readDocuments(opts.root, f)]));
  const all = [...docsByFile.values()].flat();
  const uses = chartUses(all.filter((d) => !looksLikeValuesFile(d.file)));
  const isValues = valuesTest(uses);
  const objectFiles = files.filter((f) => !isValues(shownPath(opts.root, f)) && !isChartFile(f));
  const objects: YamlDocument[] = objectFiles.flatMap((f) => docsByFile.get(f)!);
  const locations = dir ? folderLocations(dir) : opts.schemaLocations.length > 0 ? opts.schemaLocations : REMOTE_LOCATIONS;
  const run = runKubeconform(opts.kubeconform!, objectFiles, locations, objects, opts.root);
  const engine = `kubeconform (${opts.kubeconform}) with ${locations.join(", ")}`;
  return { engine, files: files.length, objects: run.count, problems: run.problems, skips: new Map(), values: all.filter((d) => isValues(d.file)), uses };
}

/**
 * Files scanned one by one on a pool of threads (pool.ts), each file's objects validated and dropped as soon
 * as it is read; only Applications, Chart.yaml and values files are kept, to check the values afterwards.
 */
async function inProcess(opts: ValidateOptions, files: string[], spec: ValidatorSpec, pool: ScanPool | undefined): Promise<ObjectsRun> {
  const validator = await makeValidator(spec);
  const scans = await (pool ?? new ScanPool(opts.root, spec, 0)).scan(files, validator);
  const uses = chartUses(scans.flatMap((s) => s.kept).filter((d) => !looksLikeValuesFile(d.file)));
  const isValues = valuesTest(uses);
  const engine = `built-in (ajv) with ${spec.kind === "folder" ? spec.dir : `the packaged schemas of ${validator.dir}`}`;
  const run: ObjectsRun = { engine, files: files.length, objects: 0, problems: [], skips: new Map(), values: [], uses };
  scans.forEach((scan, i) => {
    if (isChartFile(scan.file)) return;
    if (isValues(scan.file)) {
      // a values file named only by an Application was validated as objects: read again, as values
      run.values.push(...(isValuesOrChart(scan.file) ? scan.kept : readDocuments(opts.root, files[i]!)));
      return;
    }
    run.objects += scan.objects;
    run.problems.push(...scan.problems);
    for (const [kind, n] of scan.skips) run.skips.set(kind, (run.skips.get(kind) ?? 0) + n);
  });
  return run;
}
