// Which chart each Helm values file (or inline values block) is for, read from the Applications: a chart
// from a Helm repository, or a chart folder in this repository whose Chart.yaml lists dependencies.
import path from "node:path";
import type { YamlDocument } from "./documents";
import { isKubeObject } from "./kube-objects";
import { loadAll11 } from "./yaml11";

/** Values given to one chart. */
export interface ChartUse {
  repoURL: string;
  chart: string;
  version: string;
  /** Where the Application is defined. */
  application: YamlDocument;
  /** Repository paths of the values files. */
  valueFiles: string[];
  /** For a dependency of a local chart: the key its values sit under (its alias or name). */
  key?: string;
  /** Inline values (helm.valuesObject, or helm.values parsed as YAML), and their JSON path in the Application. */
  inline?: { value: unknown; path: string };
}

type Source = { repoURL?: string; chart?: string; path?: string; targetRevision?: string; ref?: string; helm?: { valueFiles?: string[]; valuesObject?: unknown; values?: string } };
type Dependency = { name?: string; alias?: string; version?: string; repository?: string };

/** helm.values is YAML in a string; one that does not parse is left to Argo CD to report. */
function inlineValues(text: string, file: string): unknown {
  try {
    return loadAll11(text, file)[0];
  } catch {
    return undefined;
  }
}

export const isChartFile = (file: string) => /(^|\/)Chart\.yaml$/.test(file);

/** Every chart that values are given to, by the Applications among `docs` (Chart.yaml files among them too). */
export function chartUses(docs: readonly YamlDocument[]): ChartUse[] {
  const charts = new Map(docs.filter((d) => isChartFile(d.file)).map((d) => [path.posix.dirname(d.file), d.value as { dependencies?: Dependency[] }]));
  const uses: ChartUse[] = [];
  for (const doc of docs) {
    if (!isKubeObject(doc.value) || doc.value.kind !== "Application") continue;
    const spec = (doc.value as { spec?: { source?: Source; sources?: Source[] } }).spec ?? {};
    const sources = spec.sources ?? (spec.source ? [spec.source] : []);
    const refs = new Set(sources.map((s) => s.ref).filter((r): r is string => !!r));
    sources.forEach((s, i) => {
      // `$values/<path>` names a file of a ref source; a plain path is relative to a local chart's folder
      const valueFiles = (s.helm?.valueFiles ?? []).flatMap((f) => {
        const m = /^\$([^/]+)\/(.+)$/.exec(f);
        if (m) return refs.has(m[1]!) ? [path.posix.normalize(m[2]!)] : [];
        return s.path && !s.chart ? [path.posix.normalize(path.posix.join(s.path, f))] : [];
      });
      const at = `${spec.sources ? `/spec/sources/${i}` : "/spec/source"}/helm/${s.helm?.valuesObject !== undefined ? "valuesObject" : "values"}`;
      const value = s.helm?.valuesObject ?? (s.helm?.values ? inlineValues(s.helm.values, doc.file) : undefined);
      const inline = value !== undefined ? { inline: { value, path: at } } : {};
      if (s.chart) uses.push({ repoURL: s.repoURL ?? "", chart: s.chart, version: s.targetRevision ?? "", application: doc, valueFiles, ...inline });
      else if (s.path && charts.has(s.path)) {
        for (const dep of charts.get(s.path)?.dependencies ?? []) {
          if (!dep.name) continue;
          uses.push({ repoURL: dep.repository ?? "", chart: dep.name, version: dep.version ?? "", application: doc, valueFiles, key: dep.alias ?? dep.name, ...inline });
        }
      }
    });
  }
  return uses;
}
