// Every object in the committed generated/ validates against the strict schemas in ../shared/schemas.
import fs from "node:fs";
import path from "node:path";
import fg from "fast-glob";
import { test } from "uvu";
import * as assert from "uvu/assert";
import YAML from "yaml";
import { findSchemaDir, SchemaValidator } from "../../compiler/validate/kube-schemas";
import { REPO_ROOT } from "../helpers/fleet";
import { isObjectFile } from "../helpers/platform";

const dir = findSchemaDir(REPO_ROOT);

test("committed generated/ objects validate against the strict schemas", () => {
  if (!dir) {
    console.log("  skipped: no schema folder (set FLEET_SCHEMAS or put shared/schemas beside the repository)");
    return;
  }
  const validator = new SchemaValidator(dir);
  const problems: string[] = [];
  let count = 0;
  for (const file of fg.sync("generated/**/*.yaml", { cwd: REPO_ROOT }).sort()) {
    if (!isObjectFile(file)) continue;
    YAML.parseAllDocuments(fs.readFileSync(path.join(REPO_ROOT, file), "utf8")).forEach((doc, i) => {
      const obj = doc.toJS();
      if (!obj) return;
      count++;
      const verdict = validator.validate(obj);
      if ("missing" in verdict) problems.push(`${file}#${i} ${obj.kind}: no schema ${verdict.schema}`);
      else for (const e of verdict.errors) problems.push(`${file}#${i} ${obj.kind}/${obj.metadata?.name} ${e.path}: ${e.message}`);
    });
  }
  assert.ok(count > 0, "found objects to validate");
  assert.equal(problems, []);
});

test("the validator rejects an unknown field, a wrong type and a kind without schema", () => {
  if (!dir) return;
  const v = new SchemaValidator(dir);
  const unknown = v.validate({ apiVersion: "v1", kind: "Namespace", metadata: { name: "a", colour: "red" } });
  assert.ok("errors" in unknown && unknown.errors.some((e) => e.message === 'unknown field "colour"'));
  const wrongType = v.validate({ apiVersion: "v1", kind: "Namespace", metadata: { name: 42 } });
  assert.ok("errors" in wrongType && wrongType.errors.length > 0);
  assert.ok("missing" in v.validate({ apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "a" } }));
  const gateway = v.validate({ apiVersion: "gateway.networking.k8s.io/v1", kind: "HTTPRoute", metadata: { name: "a" }, spec: {} });
  assert.is(gateway.schema, "crds/gateway.networking.k8s.io/httproute_v1.json");
});

test.run();
