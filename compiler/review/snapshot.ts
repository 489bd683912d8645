// One version of generated/ read as data for the flags and the semantic lines: its Kubernetes objects
// (with the file holding each), Helm values, Tutor configs, and the tenant index of fleet.json.
import type { FleetIndexEntry } from "../render/fleet-index";
import { MANIFEST } from "../output/manifest";
import { loadAll11 } from "../validate/yaml11";

export interface Located {
  file: string;
  object: Record<string, unknown> & { apiVersion: string; kind: string; metadata?: { name?: string; namespace?: string; annotations?: Record<string, string> } };
}

export interface Snapshot {
  files: ReadonlyMap<string, string>;
  /** `group/Kind/namespace/name` → object. */
  objects: Map<string, Located>;
  /** Plain YAML data files (Tutor config.yml, Helm values) by path. */
  data: Map<string, unknown>;
  tenants: Map<string, Partial<FleetIndexEntry> & { id: string }>;
}

export const objectKey = (o: Located["object"]) => `${o.apiVersion.includes("/") ? o.apiVersion.split("/")[0] : ""}/${o.kind}/${o.metadata?.namespace ?? ""}/${o.metadata?.name ?? ""}`;
export const objectLabel = (o: Located["object"]) => `${o.kind} ${o.metadata?.namespace ? `${o.metadata.namespace}/` : ""}${o.metadata?.name ?? "?"}`;

/** Reads the tenant index and the files in `only` (the changed ones: nothing else can raise a flag). */
export function snapshotOf(files: ReadonlyMap<string, string>, only: ReadonlySet<string>): Snapshot {
  const snap: Snapshot = { files, objects: new Map(), data: new Map(), tenants: new Map() };
  for (const [path, content] of files) {
    if (path !== MANIFEST && !only.has(path)) continue;
    if (path === MANIFEST) {
      try {
        for (const t of (JSON.parse(content) as { tenants?: { id: string }[] }).tenants ?? []) snap.tenants.set(t.id, t);
      } catch {
        // a broken index leaves the tenant lines empty; the file diff still shows it
      }
      continue;
    }
    if (!/\.ya?ml$/.test(path)) continue;
    let docs: unknown[];
    try {
      docs = loadAll11(content, path);
    } catch {
      continue; // a file that does not parse still shows in its diff
    }
    for (const value of docs as (Located["object"] | null)[]) {
      if (value && typeof value.apiVersion === "string" && typeof value.kind === "string") snap.objects.set(objectKey(value), { file: path, object: value });
      else if (value) snap.data.set(path, value);
    }
  }
  return snap;
}
