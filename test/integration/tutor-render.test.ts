// The real pipeline (Tutor, kustomize, post-render) on every fixture tenant, when `tutor` is on PATH:
// deterministic, secret-free, schema-valid, and Tutor's template Jobs replaced by hooks.
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import YAML from "yaml";
import { renderTenantDir } from "../../compiler/pipeline/render";
import { findTools } from "../../compiler/pipeline/tools";
import { findSecrets } from "../../compiler/scan/secrets";
import { findSchemaDir, SchemaValidator } from "../../compiler/validate/kube-schemas";
import { compiledFixture, REPO_ROOT } from "../helpers/fleet";

const { tools, missing } = findTools();
const schemas = findSchemaDir(REPO_ROOT);
const fixture = tools ? await compiledFixture() : "";

// without the tools these are skipped (uvu counts them), with the reason said once
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
    if (!schemas) return;
    const v = new SchemaValidator(schemas);
    const problems = objects.flatMap((o) => {
      const r = v.validate(o);
      return "missing" in r ? [`${o.kind}: no schema`] : r.errors.map((e) => `${o.kind}/${o.metadata.name} ${e.path}: ${e.message}`);
    });
    assert.equal(problems, []);
  });
}

test.run();
