// The Argo CD sync graph of a generated/ tree, read the way Argo CD v3.4 reads it: the bootstrap file is
// applied by hand; every Application syncs the files its source selects (path, directory include, recurse);
// a parent whose children span more than one sync wave waits, before each wave, until every earlier wave is
// Healthy (gitops-engine `multiStep`), and a child Application's health is that of all it deploys.
import YAML from "yaml";

export interface Node {
  obj: Record<string, any>;
  file: string;
  kind: string;
  name: string;
  wave: number;
  parent?: Node;
  children: Node[];
}

export const BOOTSTRAP = "argocd/bootstrap.yaml";

const waveOf = (o: Record<string, any>) => Number(o.metadata?.annotations?.["argocd.argoproj.io/sync-wave"] ?? 0);

/** Argo CD's directory include/exclude: a gobwas glob over the path relative to the source path, no separators. */
function globToRegExp(glob: string): RegExp {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === "*") re += ".*";
    else if (c === "?") re += ".";
    else if (c === "{") re += "(?:";
    else if (c === "}") re += ")";
    else if (c === ",") re += glob.slice(0, i).lastIndexOf("{") > glob.slice(0, i).lastIndexOf("}") ? "|" : ",";
    else re += c.replace(/[.+^$()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}

/** The files of `tree` (paths relative to generated/) that an Application's source selects. */
export function selectedFiles(tree: Map<string, string>, source: Record<string, any>): string[] {
  const base = String(source.path ?? "").replace(/^generated\/?/, "");
  const dir = source.directory ?? {};
  const include = dir.include ? globToRegExp(dir.include) : undefined;
  const exclude = dir.exclude ? globToRegExp(dir.exclude) : undefined;
  return [...tree.keys()]
    .filter((f) => /\.(ya?ml|json)$/.test(f) && (base === "" || f.startsWith(`${base}/`)))
    .map((f) => [f, base === "" ? f : f.slice(base.length + 1)] as const)
    .filter(([, rel]) => (dir.recurse || !rel.includes("/")) && (!include || include.test(rel)) && !exclude?.test(rel))
    .map(([f]) => f);
}

function objectsIn(tree: Map<string, string>, file: string): Record<string, any>[] {
  return YAML.parseAllDocuments(tree.get(file)!).map((d) => d.toJS()).filter(Boolean);
}

export interface SyncGraph {
  roots: Node[];
  /** Every Argo CD object of generated/, with the Application that syncs it (none for the bootstrap's). */
  nodes: Node[];
  /** Objects synced by more than one Application, or by none though they are not in the bootstrap. */
  problems: string[];
}

export function syncGraph(tree: Map<string, string>): SyncGraph {
  const nodes: Node[] = [];
  const byFile = new Map<string, Node[]>();
  for (const file of [...tree.keys()].filter((f) => f === BOOTSTRAP || f.startsWith("apps/"))) {
    if (!/\.ya?ml$/.test(file)) continue;
    const list = objectsIn(tree, file)
      .filter((o) => o.apiVersion === "argoproj.io/v1alpha1")
      .map((obj) => ({ obj, file, kind: obj.kind, name: obj.metadata.name, wave: waveOf(obj), children: [] as Node[] }));
    byFile.set(file, list);
    nodes.push(...list);
  }
  const problems: string[] = [];
  for (const app of nodes.filter((n) => n.kind === "Application")) {
    const sources = app.obj.spec.sources ?? [app.obj.spec.source];
    for (const source of sources) {
      // a chart source holds no Argo CD objects of this repository
      if (!source.path) continue;
      for (const file of selectedFiles(tree, source)) {
        for (const child of byFile.get(file) ?? []) {
          if (child.parent) problems.push(`${child.kind} ${child.name} is synced by both ${child.parent.name} and ${app.name}`);
          else if (child !== app) {
            child.parent = app;
            app.children.push(child);
          }
        }
      }
    }
  }
  // the root syncs its own file: that is how it manages itself, not a second parent
  const bootstrap = new Set(byFile.get(BOOTSTRAP) ?? []);
  for (const n of nodes) {
    if (bootstrap.has(n) && n.parent && n.parent.file !== BOOTSTRAP) problems.push(`${n.kind} ${n.name} of the bootstrap is also synced by ${n.parent.name}`);
    if (!bootstrap.has(n) && !n.parent) problems.push(`${n.kind} ${n.name} (${n.file}) is synced by no Application`);
  }
  return { roots: [...bootstrap], nodes, problems };
}

/** Everything an Application deploys through Argo CD objects, itself included. */
export function subtree(n: Node): Node[] {
  return [n, ...n.children.flatMap(subtree)];
}

const multiStep = (p: Node) => new Set(p.children.map((c) => c.wave)).size > 1;

/**
 * The Argo CD objects whose health `n` waits on before it is applied: for each ancestor whose sync has several
 * waves, every object deployed by a sibling (of `n` or of the ancestor's branch holding `n`) in an earlier wave.
 */
export function gatedOn(n: Node): Node[] {
  const out: Node[] = [];
  for (let branch = n; branch.parent; branch = branch.parent) {
    const p = branch.parent;
    if (!multiStep(p)) continue;
    for (const sibling of p.children) if (sibling.wave < branch.wave) out.push(...subtree(sibling));
  }
  return out;
}

export const tenantOf = (n: Node): string | undefined => n.obj.metadata.labels?.["fleet.openedx.org/tenant"];
