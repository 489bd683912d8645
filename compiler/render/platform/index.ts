// Renders every enabled shared component of every cluster: its Application, Helm values and own objects.
import { securityValues } from "../../model/chart-security";
import { clusterSetup, deepMerge } from "../../model/components";
import { LABELS } from "../../model/names";
import { application, repoSource } from "../argocd";
import { layerDir, type ClusterLayers, type Layer } from "../bootstrap";
import { yamlFile, type OutputFile } from "../files";
import type { FleetModel } from "../index";
import { fleetLabels, type KubeObject } from "../objects";
import type { ComponentContext, ComponentDef } from "./component";
import { COMPONENTS } from "./registry";

const SOURCE = "platform/platform.ts";

export const componentDir = (app: string, cluster: string) => `platform/${app}/${cluster}`;
/** `--` cannot occur in a cluster or app name, so these names never collide. */
export const componentApplicationName = (app: string, cluster: string) => `platform-${app}--${cluster}`;

export function componentContexts(model: FleetModel): ComponentContext[] {
  return Object.keys(model.platform.clusters)
    .sort()
    .map((name) => ({ platform: model.platform, cluster: clusterSetup(model.platform, name) }));
}

/** Backups sync in a layer of their own: Velero never waits on another component's health (render/argocd.ts). */
export const layerOf = (def: ComponentDef): Extract<Layer, "platform" | "backups"> => (def.component === "backups" ? "backups" : "platform");

export const isEnabled = (def: ComponentDef, ctx: ComponentContext) => ctx.cluster.components[def.component].enabled && (def.when?.(ctx) ?? true);

/** Chart repositories of enabled components: the platform project must allow them as sources. */
export function chartRepos(model: FleetModel, defs: readonly ComponentDef[] = COMPONENTS): string[] {
  const repos = componentContexts(model).flatMap((ctx) => defs.filter((d) => d.chart && isEnabled(d, ctx)).map((d) => d.chart!.repoURL));
  return [...new Set(repos)].sort();
}

/** The layer roots each cluster needs (render/bootstrap.ts). */
export function clusterLayers(model: FleetModel, defs: readonly ComponentDef[] = COMPONENTS): ClusterLayers {
  return Object.fromEntries(
    componentContexts(model).map((ctx) => {
      const on = defs.filter((d) => isEnabled(d, ctx)).map(layerOf);
      return [ctx.cluster.name, { platform: on.includes("platform"), backups: on.includes("backups") }];
    }),
  );
}

function componentApplication(def: ComponentDef, ctx: ComponentContext, hasObjects: boolean): KubeObject {
  const { platform, cluster } = ctx;
  const dir = `generated/${componentDir(def.app, cluster.name)}`;
  const settings = ctx.cluster.components[def.component];
  const sources: Record<string, unknown>[] = [];
  if (def.chart) {
    sources.push({
      repoURL: def.chart.repoURL,
      chart: def.chart.chart,
      targetRevision: settings.chartVersion ?? def.chart.version,
      helm: { releaseName: def.releaseName ?? def.app, valueFiles: [`$values/${dir}/values.yaml`] },
    });
    sources.push({ repoURL: platform.repo.url, targetRevision: platform.repo.revision, ref: "values" });
  }
  if (hasObjects) sources.push(repoSource(platform, dir, { directory: { include: "objects.yaml" } }));
  const labels = { ...fleetLabels(platform.fleet), [LABELS.component]: def.app };
  return application(platform, {
    name: componentApplicationName(def.app, cluster.name),
    project: "platform",
    labels,
    // the only child of its layer root (backups) needs no wave
    ...(layerOf(def) === "platform" ? { wave: def.wave } : {}),
    destination: { server: cluster.spec.server, namespace: def.namespace },
    source: sources.length === 1 ? sources[0]! : sources,
    cascadeDelete: !def.keepsData,
    // CRDs of a chart and the objects using them arrive in one sync; large CRDs need server-side apply
    syncOptions: def.neverPrune
      ? // cluster-scoped objects only: no namespace of its own (another Application owns the namespace's labels)
        ["ServerSideApply=true", "Prune=false", "Delete=false"]
      : ["CreateNamespace=true", "ServerSideApply=true", "SkipDryRunOnMissingResource=true", "PruneLast=true"],
    ...(def.neverPrune ? {} : { managedNamespaceMetadata: { labels: { ...labels, "pod-security.kubernetes.io/enforce": def.podSecurity } } }),
  });
}

export function renderComponents(model: FleetModel, defs: readonly ComponentDef[] = COMPONENTS): OutputFile[] {
  const files: OutputFile[] = [];
  for (const ctx of componentContexts(model)) {
    for (const def of defs.filter((d) => isEnabled(d, ctx))) {
      const dir = componentDir(def.app, ctx.cluster.name);
      if (def.chart) {
        // the chart's pod and container security contexts (model/chart-security.ts), then ours, then the escape hatch
        const values = deepMerge(deepMerge(securityValues(def.chart.chart), def.values?.(ctx) ?? {}), ctx.cluster.components[def.component].values);
        files.push(yamlFile(`${dir}/values.yaml`, SOURCE, values, { plain: true }));
      }
      const objects = (def.objects?.(ctx) ?? []).map((o) => withLabels(o, { ...fleetLabels(model.platform.fleet), [LABELS.component]: def.app }));
      if (objects.length > 0) files.push(yamlFile(`${dir}/objects.yaml`, SOURCE, objects));
      files.push(yamlFile(`${layerDir(layerOf(def), ctx.cluster.name)}/${def.app}.yaml`, SOURCE, [componentApplication(def, ctx, objects.length > 0)]));
    }
  }
  return files;
}


function withLabels(o: KubeObject, labels: Record<string, string>): KubeObject {
  return { ...o, metadata: { ...o.metadata, labels: { ...labels, ...o.metadata.labels } } };
}
