// `npm run validate` as data: every YAML document of generated/ and of render output folders checked
// against strict schemas (kubeconform when available, else in-process), Helm values against chart schemas.
import path from "node:path";
import { collectFiles, looksLikeValuesFile, readDocuments, shownPath, type YamlDocument } from "./documents";
import { chartUses, isChartFile } from "./chart-uses";
import { validateValues, type ValuesResult } from "./helm-values";
import { validateObjects } from "./kube-objects";
import { findSchemaDir, SchemaValidator } from "./kube-schemas";
import { folderLocations, runKubeconform } from "./kubeconform";
import { sortProblems, ValidateSetupError, type ValidationProblem } from "./problems";

export interface ValidateOptions {
  root: string;
  /** Folders or files; generated/ when empty. */
  targets: string[];
  schemas?: string;
  chartSchemas?: string;
  /** Path of a kubeconform binary to use instead of validating in-process. */
  kubeconform?: string;
  /** kubeconform schema locations used when no schema folder is found (URLs or templates). */
  schemaLocations: string[];
}

export interface ValidateReport {
  engine: string;
  files: number;
  objects: number;
  problems: ValidationProblem[];
  values: ValuesResult;
}

/** kubeconform's own default plus the community CRD catalog, for CI runs without a schema folder. */
export const REMOTE_LOCATIONS = ["default", "https://raw.githubusercontent.com/datreeio/CRDs-catalog/main/{{.Group}}/{{.ResourceKind}}_{{.ResourceAPIVersion}}.json"];

/** Every chart the Applications among `targets` deploy, as `repoURL<TAB>chart<TAB>version` lines (for CI to pull their schemas). */
export function chartList(root: string, targets: readonly string[]): string[] {
  const docs = collectFiles(root, targets.length > 0 ? targets : ["generated"]).flatMap((f) => readDocuments(root, f));
  return [...new Set(chartUses(docs).map((u) => `${u.repoURL}\t${u.chart}\t${u.version}`))].sort();
}

export function validateAll(opts: ValidateOptions): ValidateReport {
  const dir = findSchemaDir(opts.root, opts.schemas);
  if (opts.schemas && dir !== opts.schemas) throw new ValidateSetupError(`--schemas ${opts.schemas}: no k8s/ folder there (expected kubeconform's layout, see README)`);
  if (!dir && !opts.kubeconform) throw new ValidateSetupError("no schema folder: pass --schemas DIR, set FLEET_SCHEMAS, or put shared/schemas beside the repository (or install kubeconform)");
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

  let engine: string;
  let problems: ValidationProblem[];
  let count = objects.length;
  if (opts.kubeconform) {
    const locations = dir ? folderLocations(dir) : opts.schemaLocations.length > 0 ? opts.schemaLocations : REMOTE_LOCATIONS;
    const run = runKubeconform(opts.kubeconform, objectFiles, locations, objects, opts.root);
    engine = `kubeconform (${opts.kubeconform}) with ${locations.join(", ")}`;
    problems = run.problems;
    count = run.count;
  } else {
    engine = `built-in (ajv) with ${dir}`;
    problems = validateObjects(objects, new SchemaValidator(dir!, path.join(opts.root, ".cache", "validators")));
  }
  const valuesResult = validateValues(values, uses, opts.chartSchemas);
  return { engine, files: files.length, objects: count, problems: sortProblems([...problems, ...valuesResult.problems]), values: valuesResult };
}
