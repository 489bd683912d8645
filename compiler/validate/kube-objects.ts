// In-process validation of Kubernetes objects against the strict schema folder (no kubeconform needed).
import type { YamlDocument } from "./documents";
import type { SchemaValidator } from "./kube-schemas";
import { problemAt, type ValidationProblem } from "./problems";

export const isKubeObject = (v: unknown): v is { apiVersion: string; kind: string } =>
  typeof v === "object" && v !== null && typeof (v as { apiVersion?: unknown }).apiVersion === "string" && typeof (v as { kind?: unknown }).kind === "string";

/** Every error of every document: syntax, not an object, no schema for its kind, or schema violations. */
export function validateObjects(docs: readonly YamlDocument[], validator: SchemaValidator): ValidationProblem[] {
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
    if ("missing" in verdict) {
      const { apiVersion, kind } = doc.value;
      problems.push(problemAt(doc, "/", `no schema for ${kind} ${apiVersion} (looked for ${verdict.schema} in ${validator.dir}): add it to the schema folder`));
      continue;
    }
    for (const e of verdict.errors) problems.push(problemAt(doc, e.path, e.message));
  }
  return problems;
}
