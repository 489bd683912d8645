// Helpers for the data-service tests: compile the example fleet with other component settings and read back
// every object, the files and the Tutor configs.
import path from "node:path";
import * as assert from "uvu/assert";
import YAML from "yaml";
import { readTree, run, tempFleet } from "../helpers/fleet";
import { isObjectFile, platformWith } from "../helpers/platform";

export interface Obj {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string>; finalizers?: string[] };
  spec?: any;
  [k: string]: any;
}

export interface Compiled {
  tree: Map<string, string>;
  /** Every object of every YAML file that holds objects. */
  objects: Obj[];
  /** The file each object came from. */
  fileOf: Map<Obj, string>;
  yaml: (file: string) => any;
}

export async function compileWith(components = "{}", tenants: Record<string, string> = {}, extraClusters = ""): Promise<Compiled> {
  const root = tempFleet({ platform: platformWith(components, extraClusters), tenants });
  const r = await run(root, "compile");
  assert.is(r.code, 0, r.err);
  const tree = readTree(path.join(root, "generated"));
  const objects: Obj[] = [];
  const fileOf = new Map<Obj, string>();
  for (const [file, text] of tree) {
    if (!isObjectFile(file)) continue;
    for (const doc of YAML.parseAllDocuments(text)) {
      const o = doc.toJS() as Obj | null;
      if (!o) continue;
      objects.push(o);
      fileOf.set(o, file);
    }
  }
  return { tree, objects, fileOf, yaml: (file) => YAML.parse(tree.get(file) ?? "null") };
}

/** The objects of generated/tenants/<id>/resources/objects.yaml. */
export const tenantObjects = (c: Compiled, id: string) => c.objects.filter((o) => c.fileOf.get(o) === `tenants/${id}/resources/objects.yaml`);
export const inNamespace = (c: Compiled, ns: string) => c.objects.filter((o) => o.metadata.namespace === ns);
export const find = (c: Compiled, kind: string, namespace: string | undefined, name: string) =>
  c.objects.find((o) => o.kind === kind && o.metadata.name === name && o.metadata.namespace === namespace);
export const kinds = (objs: readonly Obj[]) => objs.map((o) => `${o.kind}/${o.metadata.namespace ?? ""}/${o.metadata.name}`).sort();
