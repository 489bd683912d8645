// One file at a time: parse it, validate its objects, and keep only what the run needs afterwards (the
// Applications and Chart.yaml files that say which files are Helm values, and the values files themselves).
// The parsed objects are dropped as soon as their file is done, so memory does not grow with the fleet.
// The same code runs on the main thread and in the worker threads of pool.ts.
import fs from "node:fs";
import { isChartFile } from "./chart-uses";
import { looksLikeValuesFile, readDocuments, shownPath, type YamlDocument } from "./documents";
import { isKubeObject, validateObjects } from "./kube-objects";
import { SchemaValidator, type ObjectValidator } from "./kube-schemas";
import type { ValidationProblem } from "./problems";

/** What one file gave: plain data, the same whichever thread read it. */
export interface FileScan {
  /** As shown in messages (relative to the root when inside it). */
  file: string;
  /** Kubernetes documents validated (0 for values and Chart.yaml files). */
  objects: number;
  problems: ValidationProblem[];
  /** Objects left unchecked by `Kind apiVersion` (packaged schemas only). */
  skips: [string, number][];
  /** Documents kept for later: the file's Applications, or all of a values or Chart.yaml file. */
  kept: YamlDocument[];
}

/** Which validator a thread builds: the schema folder's (with its validator cache) or the packaged schemas. */
export type ValidatorSpec = { kind: "folder"; dir: string; cacheDir?: string } | { kind: "packaged" };

export async function makeValidator(spec: ValidatorSpec): Promise<ObjectValidator> {
  if (spec.kind === "folder") return new SchemaValidator(spec.dir, spec.cacheDir);
  // loaded only here: its models cost a quarter of a second to import (a worker running the sources through
  // tsx cannot import it: tsx's require hook reaches no dynamic import; the bundled worker can)
  const { PackagedValidator } = await import("./packaged-schemas");
  return new PackagedValidator();
}

/**
 * The contents of `files`, read ahead on libuv's threads while the thread that asked scans other files: the
 * reads of a cold page cache overlap the parsing. A file that cannot be read is undefined: scanFile reads it
 * again itself and reports the error as it always does.
 */
export function readAhead(files: readonly string[]): Promise<(string | undefined)[]> {
  // fs.readFile with a callback: fs.promises' file handles cost more per small file
  return Promise.all(files.map((f) => new Promise<string | undefined>((resolve) => fs.readFile(f, "utf8", (e, text) => resolve(e ? undefined : text)))));
}

/** A values file (by its name) or a Chart.yaml: read, not validated as objects. */
export const isValuesOrChart = (file: string) => looksLikeValuesFile(file) || isChartFile(file);

/** Parses and validates one file (absolute path `abs`; `text`, its content when read ahead). */
export function scanFile(root: string, abs: string, validator: ObjectValidator, text?: string): FileScan {
  const file = shownPath(root, abs);
  const docs = readDocuments(root, abs, file, text);
  if (isValuesOrChart(file)) return { file, objects: 0, problems: [], skips: [], kept: docs };
  const skips = new Map<string, number>();
  const problems = validateObjects(docs, validator, skips);
  const kept = docs.filter((d) => isKubeObject(d.value) && d.value.kind === "Application");
  return { file, objects: docs.length, problems, skips: [...skips], kept };
}
