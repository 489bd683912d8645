// The sync structure as Argo CD runs it (render/argocd.ts has the plan): one bootstrap applied by hand, every
// Argo CD object synced by exactly one Application, every project there before the Applications naming it,
// and health gating only inside the platform and inside one tenant.
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import YAML from "yaml";
import { readTree, REPO_ROOT, run, tempFleet, tenantSource } from "../helpers/fleet";
import { platformWith } from "../helpers/platform";
import { BOOTSTRAP, gatedOn, selectedFiles, subtree, syncGraph, tenantOf, type Node } from "../helpers/sync-graph";

const eu = `    eu: { provider: "local", server: "https://eu.k8s.example.org", capacity: { cpu: "32", memory: "128Gi" }, domains: ["example.eu"] },\n`;
const onEu = (id: string, fields = "") => tenantSource(id, `cluster: "eu",${fields ? `\n  ${fields}` : ""}`).replace(`"${id}.example.org"`, `"${id}.example.eu"`);

/** Two clusters; tenants on each, one archived, one with dedicated services. */
async function fleet(): Promise<Map<string, string>> {
  const root = tempFleet({
    examples: false,
    platform: platformWith("{}", eu),
    tenants: {
      one: tenantSource("one"),
      two: tenantSource("two", 'services: { mysql: "dedicated", mongodb: "shared", redis: "dedicated", search: "shared" },'),
      old: tenantSource("old", 'state: "archived",'),
      far: onEu("far"),
    },
  });
  const r = await run(root, "compile");
  assert.is(r.code, 0, r.err);
  return readTree(path.join(root, "generated"));
}

let tree: Map<string, string>;
test.before(async () => {
  tree = await fleet();
});

const apps = (nodes: Node[]) => nodes.filter((n) => n.kind === "Application");
const isPlatformSide = (n: Node) => !tenantOf(n);

test("every Argo CD object is synced by exactly one Application, or is in the bootstrap", () => {
  const g = syncGraph(tree);
  assert.equal(g.problems, []);
  assert.equal(g.roots.map((n) => `${n.kind}/${n.name}`), [
    "AppProject/default",
    "AppProject/platform",
    "Application/platform--eu",
    "Application/platform--main",
    "Application/platform-backups--main",
    "Application/platform-tenants--eu",
    "Application/platform-tenants--main",
    "Application/root",
  ].filter((x) => x !== "Application/platform-backups--main" || tree.has("apps/backups/main/velero.yaml")));
  // the root syncs the bootstrap file, itself included: later changes to it arrive through git
  const root = g.roots.find((n) => n.name === "root")!;
  assert.equal(selectedFiles(tree, root.obj.spec.source), [BOOTSTRAP]);
});

test("no Application waits on a missing project: each names one from the bootstrap or synced before it by its parent", () => {
  const g = syncGraph(tree);
  const bootstrapProjects = new Set(g.roots.filter((n) => n.kind === "AppProject").map((n) => n.name));
  const seen: string[] = [];
  for (const app of apps(g.nodes)) {
    const project = app.obj.spec.project;
    if (bootstrapProjects.has(project)) continue;
    const earlier = app.parent?.children.find((s) => s.kind === "AppProject" && s.name === project && s.wave < app.wave);
    assert.ok(earlier, `Application ${app.name} names project ${project}, which is neither in the bootstrap nor synced before it`);
    seen.push(app.name);
  }
  // the tenants' instances are the ones with their own project
  assert.equal(seen.sort(), ["far", "one", "two"]);
});

test("no platform or backups Application is applied only after a tenant is Healthy", () => {
  const g = syncGraph(tree);
  const platform = apps(g.nodes).filter(isPlatformSide);
  assert.ok(platform.some((n) => n.name.startsWith("platform-velero--")) || !tree.has("apps/backups/main/velero.yaml"));
  for (const n of platform) {
    const tenants = gatedOn(n).filter((x) => tenantOf(x));
    assert.equal(tenants.map((x) => x.name), [], `${n.name} waits on tenants`);
  }
  // Velero waits on nothing at all
  for (const n of platform.filter((x) => x.name.startsWith("platform-velero--"))) assert.equal(gatedOn(n), [], n.name);
});

test("no tenant waits on another tenant; a tenant's instance waits on its own project, base and services", () => {
  const g = syncGraph(tree);
  for (const n of apps(g.nodes).filter((x) => tenantOf(x))) {
    const others = gatedOn(n).filter((x) => tenantOf(x) && tenantOf(x) !== tenantOf(n));
    assert.equal(others.map((x) => x.name), [], `${n.name} waits on other tenants`);
  }
  const two = g.nodes.find((n) => n.kind === "Application" && n.name === "two")!;
  assert.equal(gatedOn(two).map((n) => `${n.kind}/${n.name}`).sort(), ["AppProject/two", "Application/two--base", "Application/two--services"]);
  // tenants do not wait on the platform either: they retry until it is there
  assert.equal(gatedOn(two).filter(isPlatformSide), []);
});

test("each cluster has its own roots: one cluster's platform does not wait on another's", () => {
  const g = syncGraph(tree);
  for (const cluster of ["main", "eu"]) {
    const layer = g.nodes.find((n) => n.name === `platform--${cluster}`)!;
    assert.ok(layer.children.length > 0, cluster);
    for (const c of layer.children) assert.match(c.name, new RegExp(`--${cluster}$`));
    const tenants = g.nodes.find((n) => n.name === `platform-tenants--${cluster}`)!;
    assert.equal(new Set(tenants.children.map((c) => c.wave)).size, 1, "the tenants root has one wave: it waits on no tenant");
  }
  const far = g.nodes.find((n) => n.name === "far--root")!;
  assert.is(far.parent!.name, "platform-tenants--eu");
  assert.ok(subtree(far).filter((n) => n.kind === "Application" && n !== far).every((n) => n.obj.spec.destination.server === "https://eu.k8s.example.org"));
});

test("retries never give up on a revision: unlimited, with backoff, at the newest revision", () => {
  for (const app of apps(syncGraph(tree).nodes)) {
    const retry = app.obj.spec.syncPolicy.retry;
    assert.is(retry.limit, -1, app.name);
    assert.is(retry.refresh, true, app.name);
    assert.ok(retry.backoff.duration && retry.backoff.maxDuration && retry.backoff.factor > 1, app.name);
  }
});

test("the committed generated/ holds to the same structure", () => {
  const committed = readTree(path.join(REPO_ROOT, "generated"));
  const g = syncGraph(committed);
  assert.equal(g.problems, []);
  const bootstrapProjects = new Set(g.roots.filter((n) => n.kind === "AppProject").map((n) => n.name));
  for (const app of apps(g.nodes)) {
    const project = app.obj.spec.project;
    assert.ok(bootstrapProjects.has(project) || app.parent?.children.some((s) => s.kind === "AppProject" && s.name === project && s.wave < app.wave), app.name);
    if (isPlatformSide(app)) assert.equal(gatedOn(app).filter((x) => tenantOf(x)), [], app.name);
    else assert.equal(gatedOn(app).filter((x) => tenantOf(x) && tenantOf(x) !== tenantOf(app)), [], app.name);
  }
  // the bootstrap is one file of Argo CD objects, projects first: `kubectl apply -f` creates them in order
  const kinds = YAML.parseAllDocuments(committed.get(BOOTSTRAP)!).map((d) => d.toJS().kind);
  assert.equal(kinds.indexOf("Application") > kinds.lastIndexOf("AppProject"), true);
});

test("the checks see the old single root: Velero after the tenants' wave, an instance before its project", () => {
  const app = (name: string, wave: number, extra: Record<string, unknown> = {}) => ({
    apiVersion: "argoproj.io/v1alpha1",
    kind: "Application",
    metadata: { name, annotations: { "argocd.argoproj.io/sync-wave": String(wave) }, labels: extra.labels ?? {} },
    spec: { project: extra.project ?? "platform", source: extra.source ?? { repoURL: "x", path: "generated/x" } },
  });
  const old = new Map([
    [BOOTSTRAP, YAML.stringify(app("root", 0, { source: { path: "generated", directory: { recurse: true, include: "{argocd/*.yaml,apps/*.yaml}" } } }))],
    ["apps/acme.yaml", [app("acme", 10, { project: "acme", labels: { "fleet.openedx.org/tenant": "acme" } }), { apiVersion: "argoproj.io/v1alpha1", kind: "AppProject", metadata: { name: "acme", annotations: { "argocd.argoproj.io/sync-wave": "10" } } }].map((o) => YAML.stringify(o)).join("---\n")],
    ["apps/platform-velero.yaml", YAML.stringify(app("platform-velero--main", 20))],
  ]);
  const g = syncGraph(old);
  assert.equal(g.problems, []);
  const velero = g.nodes.find((n) => n.name === "platform-velero--main")!;
  assert.equal(gatedOn(velero).filter((n) => tenantOf(n)).map((n) => n.name), ["acme"]);
  const acme = g.nodes.find((n) => n.name === "acme" && n.kind === "Application")!;
  assert.not.ok(acme.parent!.children.some((s) => s.kind === "AppProject" && s.name === "acme" && s.wave < acme.wave));
});

test.run();
