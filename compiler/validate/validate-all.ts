// `npm run validate` as data: every YAML document of generated/ and of render output folders checked
// against strict schemas (kubeconform when available, else in-process), Helm values against chart schemas.
import path from "node:path";
import { CODE_ROOT } from "../code-root";
import { collectFiles, looksLikeValuesFile, readDocuments, shownPath, type YamlDocument } from "./documents";
import { chartUses, isChartFile } from "./chart-uses";
import { validateValues, type ValuesResult } from "./helm-values";
import { validateObjects } from "./kube-objects";
import { findSchemaDir, SchemaValidator } from "./kube-schemas";
import { folderLocations, runKubeconform } from "./kubeconform";
import { sortProblems, ValidateSetupError, type ValidationProblem } from "./problems";

/**
 * Compiled validators depend on the schemas only, not on the fleet: they are kept beside the compiler's own
 * caches (.cache/build, .cache/v8), so every fleet validated by this checkout shares them.
 */
const VALIDATOR_CACHE = path.join(CODE_ROOT, ".cache", "validators");

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
export async function validateAll(opts: ValidateOptions): Promise<ValidateReport> {
  const dir = findSchemaDir(opts.root, opts.schemas);
  if (opts.schemas && dir !== opts.schemas) throw new ValidateSetupError(`--schemas ${opts.schemas}: no k8s/ folder there (expected kubeconform's layout, see docs/internals.md)`);
  const targets = opts.targets.length > 0 ? opts.targets : ["generated"];
  const files = collectFiles(opts.root, targets);
  const docsByFile = new Map(files.map((f) => [f, readDocuments(opts.root, f)]));
  const all = [...docsByFile.values()].flat();
  // values files are told apart by the Applications that name them, or by their name; Chart.yaml is chart metadata
  const uses = chartUses(all.filter((d) => !looksLikeValuesFile(d.file)));
  const referenced = new Set(uses.flatMap((u) => u.valueFiles));
  const isValues = (f: string) => !isChartFile(f) && (referenced.has(f) || looksLikeValuesFile(f));
  const objectFiles = files.filter((f) => !isValues(shownPath(opts.root, f)) && !isChartFile(f));
  const objects: YamlDocument[] = objectFiles.flatMap((f) => docsByFile.get(f)!);
  const values = all.filter((d) => isValues(d.file));

  opts.onStage?.(`validating ${objects.length.toLocaleString("en-US")} object(s) of ${files.length.toLocaleString("en-US")} file(s)…`);
  let engine: string;
  let problems: ValidationProblem[];
  let count = objects.length;
  const skips = new Map<string, number>();
  if (opts.kubeconform) {
    const locations = dir ? folderLocations(dir) : opts.schemaLocations.length > 0 ? opts.schemaLocations : REMOTE_LOCATIONS;
    const run = runKubeconform(opts.kubeconform, objectFiles, locations, objects, opts.root);
    engine = `kubeconform (${opts.kubeconform}) with ${locations.join(", ")}`;
    problems = run.problems;
    count = run.count;
  } else if (dir) {
    engine = `built-in (ajv) with ${dir}`;
    problems = validateObjects(objects, new SchemaValidator(dir, VALIDATOR_CACHE));
  } else {
    // loaded only here: its models cost a quarter of a second to import
    const { PackagedValidator } = await import("./packaged-schemas");
    const validator = new PackagedValidator();
    engine = `built-in (ajv) with the packaged schemas of ${validator.dir}`;
    problems = validateObjects(objects, validator, skips);
  }
  const valuesResult = validateValues(values, uses, opts.chartSchemas);
  const skipped = [...skips].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { engine, skipped, files: files.length, objects: count, problems: sortProblems([...problems, ...valuesResult.problems]), values: valuesResult };
}
