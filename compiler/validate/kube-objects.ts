// In-process validation of Kubernetes objects against the strict schema folder (no kubeconform needed).
import type { YamlDocument } from "./documents";
import type { ObjectValidator } from "./kube-schemas";
import { problemAt, type ValidationProblem } from "./problems";

export const isKubeObject = (v: unknown): v is { apiVersion: string; kind: string } =>
  typeof v === "object" && v !== null && typeof (v as { apiVersion?: unknown }).apiVersion === "string" && typeof (v as { kind?: unknown }).kind === "string";

/** Objects left unchecked because no packaged schema exists for their kind, counted by `Kind apiVersion`. */
export type Skips = Map<string, number>;

/**
 * Every error of every document: syntax, not an object, no schema for its kind in the schema folder, or
 * schema violations. Kinds the packaged schemas do not know are counted in `skips`, not errors.
 */
export function validateObjects(docs: readonly YamlDocument[], validator: ObjectValidator, skips: Skips = new Map()): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  for (const doc of docs) {
    if (doc.parseError) {
      problems.push(problemAt(doc, "/", `YAML syntax error: ${doc.parseError}`));
      continue;
    }
    if (!isKubeObject(doc.value)) {
      problems.push(problemAt(doc, "/", "not a Kubernetes object: apiVersion and kind must be strings"));
      continue;
    }
    const verdict = validator.validate(doc.value);
    if ("skipped" in verdict) {
      skips.set(verdict.schema, (skips.get(verdict.schema) ?? 0) + 1);
      continue;
    }
    if ("missing" in verdict) {
      const { apiVersion, kind } = doc.value;
      problems.push(problemAt(doc, "/", `no schema for ${kind} ${apiVersion} (looked for ${verdict.schema} in ${validator.dir}): add it to the schema folder`));
      continue;
    }
    for (const e of verdict.errors) problems.push(problemAt(doc, e.path, e.message));
  }
  return problems;
}
