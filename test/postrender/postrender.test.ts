// Post-render on Tutor-shaped fixtures: hooks, exposure, scope, waves, guards, determinism, schemas.
import { test } from "uvu";
import * as assert from "uvu/assert";
import YAML from "yaml";
import { postRender, postRenderYaml, PostRenderError } from "../../compiler/postrender/index";
import type { KubeObject } from "../../compiler/render/objects";
import { findSchemaDir } from "../../compiler/validate/kube-schemas";
import { strictValidator } from "../helpers/schemas";
import { REPO_ROOT } from "../helpers/fleet";
import { context, initTasks, toManifests, tutorObjects, tutorOutput } from "./tutor-output";

const find = (objects: KubeObject[], kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);
const refusal = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    if (e instanceof PostRenderError) return e.message;
    throw e;
  }
  throw new Error("expected a PostRenderError");
};
type JobShape = { spec: { backoffLimit: number; template: { spec: { containers: { command?: string[]; args: string[] }[] } } } };

test("template Jobs become Sync hooks running the real init tasks in waves; provisioning tasks are left to the platform", () => {
  const out = postRender(tutorOutput(), initTasks(), context);
  const jobs = out.filter((o) => o.kind === "Job");
  assert.equal(jobs.map((j) => j.metadata.name), ["init-01-lms", "init-02-lms", "init-03-cms", "init-04-mfe"]);
  assert.equal(jobs.map((j) => j.metadata.annotations?.["argocd.argoproj.io/sync-wave"]), ["1", "2", "3", "4"]);
  for (const j of jobs) {
    assert.is(j.metadata.annotations?.["argocd.argoproj.io/hook"], "Sync");
    assert.is(j.metadata.annotations?.["argocd.argoproj.io/hook-delete-policy"], "BeforeHookCreation");
  }
  const migrate = (find(out, "Job", "init-02-lms") as unknown as JobShape).spec;
  const container = migrate.template.spec.containers[0]!;
  assert.equal(container.args.slice(0, 3), ["sh", "-e", "-c"]);
  assert.ok(container.args[3]!.includes('--client-secret "${CMS_OAUTH2_SECRET}"'));
  assert.not.ok(container.args[3]!.includes("from-cluster-secret"));
  assert.is(migrate.backoffLimit, 1);
  assert.not.ok(jobs.some((j) => j.metadata.name.includes("mysql") || j.metadata.name.includes("meilisearch")));
});

test("hook names are DNS labels whatever the plugin's name", () => {
  const tasks = [{ contexts: ["app:k8s_harmony", "plugins"], service: "lms", script: "true" }];
  const jobs = postRender(tutorOutput(), tasks, context).filter((o) => o.kind === "Job");
  assert.equal(jobs.map((j) => j.metadata.name), ["init-01-k8s-harmony"]);
});

test("a template with `command: []` bypasses the entrypoint, as `tutor k8s do` does", () => {
  const objects = tutorObjects().map((o) => (o as KubeObject).metadata.name === "cms-job" ? structuredClone({ ...o, spec: { template: { spec: { containers: [{ name: "cms", image: "x", command: [] }] } } } }) : o);
  const out = postRender(toManifests(objects), initTasks(), context);
  const c = (find(out, "Job", "init-03-cms") as unknown as JobShape).spec.template.spec.containers[0]!;
  assert.equal(c.command, ["sh", "-e", "-c"]);
  assert.equal(c.args, ["./manage.py cms migrate\n"]);
});

test("init tasks that cannot run are refused with the reason", () => {
  const noTemplate = [{ contexts: ["app:notes"], service: "notes", script: "true" }];
  assert.match(refusal(() => postRender(tutorOutput(), noTemplate, context)), 'no Job "notes-job"');
  const unknownSecret = [{ contexts: ["app:lms"], service: "lms", script: "echo from-cluster-secret:MYSQL_ROOT_PASSWORD" }];
  assert.match(refusal(() => postRender(tutorOutput(), unknownSecret, context)), "MYSQL_ROOT_PASSWORD, which no tenant Secret holds");
  const notInJob = [{ contexts: ["app:cms"], service: "cms", script: "echo from-cluster-secret:CMS_OAUTH2_SECRET" }];
  assert.match(refusal(() => postRender(tutorOutput(), notInJob, context)), "does not take them from a Secret");
});

test("exposure stays internal: no Namespace or Ingress, NodePort becomes ClusterIP, Caddy is required", () => {
  const ingress = { apiVersion: "networking.k8s.io/v1", kind: "Ingress", metadata: { name: "web", namespace: "acme" }, spec: {} };
  const out = postRender(toManifests([...tutorObjects(), ingress]), initTasks(), context);
  assert.not.ok(out.some((o) => o.kind === "Namespace" || o.kind === "Ingress"));
  const mfe = find(out, "Service", "mfe")!.spec as { type: string; ports: Record<string, unknown>[] };
  assert.is(mfe.type, "ClusterIP");
  assert.not.ok("nodePort" in mfe.ports[0]!);
  const withoutCaddy = tutorObjects().filter((o) => !((o as KubeObject).kind === "Service" && (o as KubeObject).metadata.name === "caddy"));
  assert.match(refusal(() => postRender(toManifests(withoutCaddy), initTasks(), context)), 'no Service "caddy" with port 80');
});

test("every object lands in the tenant namespace with tenant labels; selectors keep Tutor's labels", () => {
  const moved = tutorObjects().map((o) => ({ ...o, metadata: { ...(o as KubeObject).metadata, namespace: "elsewhere" } }));
  const out = postRender(toManifests(moved), initTasks(), context);
  for (const o of out) {
    assert.is(o.metadata.namespace, "acme", `${o.kind}/${o.metadata.name}`);
    assert.is(o.metadata.labels?.["fleet.openedx.org/tenant"], "acme");
    assert.is(o.metadata.labels?.["fleet.openedx.org/fleet"], "example");
  }
  const lms = find(out, "Deployment", "lms")!.spec as { selector: { matchLabels: Record<string, string> }; template: { metadata: { labels: Record<string, string> } } };
  for (const [k, v] of Object.entries(lms.selector.matchLabels)) assert.is(lms.template.metadata.labels[k], v, `selector label ${k} still matches`);
  assert.is(lms.template.metadata.labels["fleet.openedx.org/tenant"], "acme");
  const role = { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", metadata: { name: "x" } };
  assert.match(refusal(() => postRender(toManifests([...tutorObjects(), role]), initTasks(), context)), "ClusterRole x is cluster-scoped");
});

test("workloads wait for the init hooks, autoscalers for the workloads", () => {
  const out = postRender(tutorOutput(), initTasks(), context);
  const wave = (kind: string, name: string) => Number(find(out, kind, name)!.metadata.annotations?.["argocd.argoproj.io/sync-wave"]);
  assert.ok(wave("Deployment", "lms") > wave("Job", "init-04-mfe"));
  assert.ok(wave("HorizontalPodAutoscaler", "lms-hpa") > wave("Deployment", "lms"));
  assert.is(find(out, "ConfigMap", "openedx-config-7259f44476")!.metadata.annotations, undefined);
});

test("an empty, truncated or malformed render is refused", () => {
  assert.match(refusal(() => postRender("", initTasks(), context)), "only 0 object(s)");
  const truncated = toManifests(tutorObjects().filter((o) => (o as KubeObject).kind !== "Deployment"));
  assert.match(refusal(() => postRender(truncated, initTasks(), context)), 'no Deployment "lms"');
  assert.match(refusal(() => postRender("---\nfoo: bar\n", initTasks(), context)), "not a Kubernetes object");
});

test("output is byte-identical whatever the order of Tutor's objects", () => {
  const a = postRenderYaml(tutorOutput(), initTasks(), context);
  const b = postRenderYaml(toManifests([...tutorObjects()].reverse()), initTasks(), context);
  assert.is(a, b);
});

test("a secret-looking value in the render refuses the whole render", () => {
  const leaky = tutorObjects().map((o) => (o as KubeObject).metadata.name === "openedx-config-7259f44476" ? { ...o, data: { "lms.env.yml": 'SECRET_KEY: "k3J9x2LmQp8vR4tZ7wYb1NcD"\n' } } : o);
  assert.match(refusal(() => postRenderYaml(toManifests(leaky), initTasks(), context)), 'secret-named key "SECRET_KEY"');
});

// without the schema folder (FLEET_SCHEMAS, or shared/ beside the repository): skipped, and counted so
const schemaDir = findSchemaDir(REPO_ROOT);
(schemaDir ? test : test.skip)("post-rendered objects validate against the strict schemas", () => {
  const v = strictValidator(schemaDir!);
  const problems = YAML.parseAllDocuments(postRenderYaml(tutorOutput(), initTasks(), context)).flatMap((d) => {
    const r = v.validate(d.toJS());
    return "missing" in r ? [`no schema ${r.schema}`] : r.errors.map((e) => `${e.path}: ${e.message}`);
  });
  assert.equal(problems, []);
});

test.run();
