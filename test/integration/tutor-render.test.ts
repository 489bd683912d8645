// The real pipeline (Tutor, kustomize, post-render) on every fixture tenant, when `tutor` is on PATH:
// deterministic, secret-free, schema-valid, and Tutor's template Jobs replaced by hooks.
import fs from "node:fs";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import YAML from "yaml";
import { renderTenantDir } from "../../compiler/pipeline/render";
import { findTools } from "../../compiler/pipeline/tools";
import { findSecrets } from "../../compiler/scan/secrets";
import { findSchemaDir } from "../../compiler/validate/kube-schemas";
import { strictValidator } from "../helpers/schemas";
import { compiledFixture, REPO_ROOT, run, tempFleet, tenantSource } from "../helpers/fleet";
import { examplePlatform } from "../helpers/platform";

const { tools, missing } = findTools();
const schemas = findSchemaDir(REPO_ROOT);
const fixture = tools ? await compiledFixture() : "";

// without the tools these are skipped (uvu counts them as skips), with the reason said once
if (!tools) console.log(`  real Tutor renders skipped: ${missing.join("; ")}`);
for (const id of ["acme", "globex", "initech"]) {
  (tools ? test : test.skip)(`real Tutor render of ${id}`, () => {
    const dir = path.join(fixture, "generated", "tenants", id);
    const first = renderTenantDir(dir, tools!);
    assert.is(renderTenantDir(dir, tools!), first, "two renders are byte-identical");
    assert.equal(findSecrets(first), []);
    const objects = YAML.parseAllDocuments(first).map((d) => d.toJS());
    const jobs = objects.filter((o) => o.kind === "Job");
    assert.ok(jobs.length > 0);
    for (const j of jobs) assert.is(j.metadata.annotations["argocd.argoproj.io/hook"], "Sync", j.metadata.name);
    assert.not.ok(jobs.some((j) => /-job$/.test(j.metadata.name)), "no template Job left");
    assert.ok(objects.some((o) => o.kind === "Service" && o.metadata.name === "caddy"));
    for (const o of objects) assert.is(o.metadata.namespace, id);
    // object storage: the tenant's bucket through django-storages, its keys only as placeholders read from the cluster
    const settings = objects.filter((o) => o.kind === "ConfigMap" && o.data?.["production.py"]).map((o) => o.data["production.py"] as string);
    assert.is(settings.length, 2, "lms and cms settings");
    for (const py of settings) {
      assert.ok(py.includes(`_FLEET_BUCKET = "example-fleet-${id}"`) && py.includes('_FLEET_S3 = "storages.backends.s3boto3.S3Boto3Storage"'), "storage backend and bucket");
      assert.ok(py.includes('STORAGES["default"] = {"BACKEND": _FLEET_S3}') && py.includes('ORA2_FILEUPLOAD_BACKEND = "s3"'));
    }
    assert.match(first, 'AWS_SECRET_ACCESS_KEY: \\"from-cluster-secret:OPENEDX_AWS_SECRET_ACCESS_KEY\\"');
    const lms = objects.find((o) => o.kind === "Deployment" && o.metadata.name === "lms");
    const env = lms.spec.template.spec.containers[0].env.find((e: { name: string }) => e.name === "OPENEDX_AWS_SECRET_ACCESS_KEY");
    assert.equal(env.valueFrom.secretKeyRef, { name: "openedx-storage", key: "OPENEDX_AWS_SECRET_ACCESS_KEY", optional: true });
    if (!schemas) return;
    const v = strictValidator(schemas);
    const problems = objects.flatMap((o) => {
      const r = v.validate(o);
      return "missing" in r ? [`${o.kind}: no schema`] : r.errors.map((e) => `${o.kind}/${o.metadata.name} ${e.path}: ${e.message}`);
    });
    assert.equal(problems, []);
  });
}

// Issue 14's "done when", on a tenant fresh from tenant:new, with real Tutor and the catalog's plugins
(tools ? test : test.skip)("real Tutor render of a tenant fresh from tenant:new: relay, MFEs, forum, autoscaling, admins", async () => {
  const root = tempFleet({ examples: false });
  const created = await run(root, "tenant:new", "fresh", "--host", "learn.fresh.example.org", "--plugin", "mfe", "--plugin", "forum", "--size", "medium");
  assert.is(created.code, 0, created.err);
  const file = path.join(root, "tenants", "fresh.ts");
  fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("});", '  admins: ["ops@fresh.example.org"],\n});'));
  const compiled = await run(root, "compile");
  assert.is(compiled.code, 0, compiled.err);
  const out = renderTenantDir(path.join(root, "generated", "tenants", "fresh"), tools!);
  assert.equal(findSecrets(out), []);
  const objects = YAML.parseAllDocuments(out).map((d) => d.toJS());
  const named = (kind: string) => objects.filter((o) => o.kind === kind).map((o) => o.metadata.name).sort();
  // no exim relay: mail goes to the platform's relay, its password from the cluster
  assert.equal(named("Deployment"), ["caddy", "cms", "cms-worker", "lms", "lms-worker", "mfe"]);
  assert.match(out, 'EMAIL_HOST: \\"smtp.example.org\\"');
  assert.match(out, 'EMAIL_HOST_PASSWORD: \\"from-cluster-secret:SMTP_PASSWORD\\"');
  // forum v2 enabled and initialised; MFEs configured
  assert.match(out, 'FEATURES[\\"ENABLE_DISCUSSION_SERVICE\\"] = True');
  assert.match(out, "LEARNING_MICROFRONTEND_URL");
  const hooks = named("Job");
  assert.ok(hooks.some((h) => h.endsWith("-forum")) && hooks.some((h) => h.endsWith("-fleet-admins")), hooks.join(", "));
  // autoscaling from the size (medium: lms 2..4), a budget for the two-replica lms
  const lms = objects.find((o) => o.kind === "HorizontalPodAutoscaler" && o.spec.scaleTargetRef.name === "lms");
  assert.equal([lms.spec.minReplicas, lms.spec.maxReplicas], [2, 4]);
  for (const w of ["cms", "lms-worker", "cms-worker"]) assert.ok(objects.some((o) => o.kind === "HorizontalPodAutoscaler" && o.spec.scaleTargetRef.name === w), w);
  assert.equal(named("PodDisruptionBudget"), ["lms-pdb"]);
  // uploads go to its own bucket, keys from the cluster
  assert.match(out, '_FLEET_BUCKET = \\"example-fleet-fresh\\"');
  assert.match(out, 'AWS_ACCESS_KEY_ID: \\"from-cluster-secret:OPENEDX_AWS_ACCESS_KEY\\"');
});

(tools ? test : test.skip)("real Tutor render with IRSA: the Open edX pods run as the tenant's storage account, no key pair in the settings", async () => {
  const platform = examplePlatform.replace(/\n  objectStorage: \{[^\n]*\n/, '\n  objectStorage: { provider: "s3", region: "eu-west-1", bucketPrefix: "example-fleet", irsaRoleArnPrefix: "arn:aws:iam::123456789012:role/openedx-" },\n');
  assert.is.not(platform, examplePlatform);
  const root = tempFleet({ examples: false, platform, tenants: { alpha: tenantSource("alpha") } });
  const compiled = await run(root, "compile");
  assert.is(compiled.code, 0, compiled.err);
  const out = renderTenantDir(path.join(root, "generated", "tenants", "alpha"), tools!);
  assert.equal(findSecrets(out), []);
  const objects = YAML.parseAllDocuments(out).map((d) => d.toJS());
  const account = (kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name)?.spec.template.spec.serviceAccountName;
  for (const d of ["lms", "cms", "lms-worker", "cms-worker"]) assert.is(account("Deployment", d), "openedx-storage", d);
  assert.is(account("Deployment", "caddy"), undefined);
  for (const j of objects.filter((o) => o.kind === "Job")) assert.is(j.spec.template.spec.serviceAccountName, "openedx-storage", j.metadata.name);
  assert.match(out, "AWS_ACCESS_KEY_ID = None");
  assert.match(out, '_FLEET_BUCKET = \\"example-fleet-alpha\\"');
});

// the tenant's site settings with real Tutor: the theme after indigo's own init task, the demo course at the
// revision Tutor 21.0.8 names (OPENEDX_COMMON_VERSION), both deterministic, hardened and within the quota
(tools ? test : test.skip)("real Tutor render of a tenant with a theme and the demo course", async () => {
  const root = tempFleet({ examples: false, tenants: { site: tenantSource("site", 'plugins: ["mfe", "forum", "indigo"], theme: "indigo", demoCourse: true,') } });
  const compiled = await run(root, "compile");
  assert.is(compiled.code, 0, compiled.err);
  const dir = path.join(root, "generated", "tenants", "site");
  const out = renderTenantDir(dir, tools!);
  assert.is(renderTenantDir(dir, tools!), out, "two renders are byte-identical");
  assert.equal(findSecrets(out), []);
  const jobs = YAML.parseAllDocuments(out).map((d) => d.toJS()).filter((o) => o.kind === "Job");
  const names = jobs.map((j) => j.metadata.name).sort();
  const indigo = names.findIndex((n) => n.endsWith("-indigo"));
  const theme = names.findIndex((n) => n.endsWith("-fleet-theme"));
  const demo = names.findIndex((n) => n.endsWith("-fleet-demo-course"));
  assert.ok(indigo >= 0 && indigo < theme && theme < demo && demo === names.length - 1, names.join(", "));
  const script = (n: number) => jobs.find((j) => j.metadata.name === names[n]).spec.template.spec.containers[0].args.at(-1) as string;
  assert.match(script(theme), "set_theme('indigo', 'apps.site.example.org')");
  assert.match(script(demo), "--branch 'release/ulmo.3'");
});

test.run();
