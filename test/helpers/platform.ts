// Test helpers for platform variants: the example platform with components spliced in, compiled in a temp fleet.
import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { FIXTURE_FLEET, readTree, REPO_ROOT, run, tempFleet } from "./fleet";

export const examplePlatform = fs.readFileSync(path.join(FIXTURE_FLEET, "platform", "platform.ts"), "utf8");

/** The example platform with `components` (and optionally more clusters) spliced in. */
export function platformWith(components: string, extraClusters = "", base = examplePlatform): string {
  return base
    .replace(/\n  clusters: \{\n/, `\n  clusters: {\n${extraClusters}`)
    .replace('  defaultCluster: "main",', `  defaultCluster: "main",\n  components: ${components},`);
}

export interface Compiled {
  code: number;
  err: string;
  tree: Map<string, string>;
}

export async function compile(platform: string): Promise<Compiled> {
  const root = tempFleet({ platform });
  const r = await run(root, "compile");
  return { code: r.code, err: r.err, tree: readTree(path.join(root, "generated")) };
}

/** Component settings that turn the data services off (they need External Secrets). */
export const DATA_OFF = "mysql: { enabled: false }, mongodb: { enabled: false }, redis: { enabled: false }, search: { enabled: false }";

/** Generated YAML files that hold Kubernetes objects: not Helm values, nor a tenant's umbrella Chart.yaml. */
export const isObjectFile = (file: string) => file.endsWith(".yaml") && !file.endsWith("/values.yaml") && !file.endsWith("/Chart.yaml");

/** Every Kubernetes object of a generated file (Helm values files are data, not objects). */
export function objectsOf(tree: Map<string, string>, file: string): Record<string, any>[] {
  const text = tree.get(file);
  return text ? YAML.parseAllDocuments(text).map((d) => d.toJS()).filter(Boolean) : [];
}

/** Where a component's Application of a cluster is written: its layer's folder (render/bootstrap.ts). */
export const componentAppFile = (app: string, cluster = "main") => `apps/${app === "velero" ? "backups" : "platform"}/${cluster}/${app}.yaml`;

/** Components with an Application on the cluster. */
export const componentApps = (tree: Map<string, string>, cluster = "main") =>
  [...tree.keys()].filter((p) => new RegExp(`^apps/(platform|backups)/${cluster}/[^/]+\\.yaml$`).test(p)).map((p) => p.split("/").pop()!.slice(0, -".yaml".length));

/** The `platform` AppProject, from the bootstrap file. */
export const platformProjectOf = (tree: Map<string, string>) => objectsOf(tree, "argocd/bootstrap.yaml").find((o) => o.kind === "AppProject" && o.metadata.name === "platform")!;
