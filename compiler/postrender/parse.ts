// Reads kustomize's multi-document YAML into objects, refusing anything that is not a Kubernetes object.
import { parseAllDocuments } from "yaml";
import type { KubeObject } from "../render/objects";
import { PostRenderError } from "./types";

export function parseManifests(text: string): KubeObject[] {
  const objects: KubeObject[] = [];
  const problems: string[] = [];
  for (const [i, doc] of parseAllDocuments(text).entries()) {
    if (doc.errors.length > 0) problems.push(`document ${i + 1}: ${doc.errors[0]!.message}`);
    const value = doc.toJS({ maxAliasCount: -1 }) as unknown;
    if (value === null || value === undefined) continue;
    const o = value as Partial<KubeObject>;
    if (typeof o.apiVersion !== "string" || typeof o.kind !== "string" || typeof o.metadata?.name !== "string") {
      problems.push(`document ${i + 1} is not a Kubernetes object (apiVersion, kind and metadata.name are required)`);
      continue;
    }
    objects.push(o as KubeObject);
  }
  if (problems.length > 0) throw new PostRenderError(problems);
  return objects;
}
