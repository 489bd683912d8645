// validate on a pool of threads (validate/pool.ts) reports exactly what one thread reports: every problem with
// its file, document, object and path, the same counts, skips and values files, whichever thread read a file.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { collectFiles } from "../../compiler/validate/documents";
import { ScanPool } from "../../compiler/validate/pool";
import { makeValidator, type ValidatorSpec } from "../../compiler/validate/scan-files";
import { validateAll, type ValidateOptions } from "../../compiler/validate/validate-all";
import { REPO_ROOT, tempDir } from "../helpers/fleet";

// a schema folder of one kind, in kubeconform's layout (findSchemaDir wants a k8s/ folder)
function schemaFolder(): string {
  const dir = tempDir("pool-schemas-");
  fs.mkdirSync(path.join(dir, "k8s"));
  fs.mkdirSync(path.join(dir, "crds", "example.org"), { recursive: true });
  const schema = {
    type: "object",
    additionalProperties: false,
    required: ["apiVersion", "kind"],
    properties: {
      apiVersion: { type: "string" },
      kind: { type: "string" },
      metadata: { type: "object", properties: { name: { type: "string", pattern: "^[a-z0-9-]+$" } } },
      spec: { type: "object", additionalProperties: false, properties: { size: { type: "integer" }, mode: { enum: ["a", "b"] } } },
    },
  };
  fs.writeFileSync(path.join(dir, "crds", "example.org", "thing_v1.json"), JSON.stringify(schema));
  return dir;
}

const thing = (name: string, spec: string) => `apiVersion: example.org/v1\nkind: Thing\nmetadata:\n  name: ${name}\nspec:\n${spec}`;

/** `count` tenants' files (several chunks per thread) and 4 more, with errors of every kind spread among them. */
function fleet(count = 180): string {
  const root = tempDir("pool-fleet-");
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  };
  for (let i = 0; i < count; i++) {
    const docs = [thing(`t-${i}`, "  size: 1\n  mode: a\n"), thing(`u-${i}`, "  size: 2\n")];
    if (i % 37 === 5) docs.push(thing(`Bad_${i}`, "  size: one\n  colour: blue\n")); // pattern, type, unknown field
    if (i % 41 === 7) docs.push(thing(`m-${i}`, "  mode: c\n")); // enum
    if (i % 53 === 9) docs.push("just a string\n"); // not an object
    if (i % 59 === 11) docs.push("apiVersion: example.org/v9\nkind: Thing\n"); // no schema
    write(`generated/tenants/t-${String(i).padStart(3, "0")}/objects.yaml`, `# header\n${docs.map((d) => `---\n${d}`).join("")}`);
  }
  write("generated/tenants/t-013/broken.yaml", "a: [\n"); // a syntax error, read by js-yaml
  write("generated/tenants/t-014/flow.yaml", "{apiVersion: example.org/v1, kind: Thing, spec: {size: x}}\n"); // js-yaml too
  write("generated/apps/values/app-values.yaml", "replicas: 1\n");
  write("generated/apps/settings/extra.yaml", "replicas: 2\n"); // a values file by the Application's word only
  write(
    "generated/apps/app.yaml",
    "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: app\nspec:\n  sources:\n    - repoURL: https://charts.example.org\n      chart: thing\n      targetRevision: 1.0.0\n      helm:\n        valueFiles:\n          - $values/generated/apps/values/app-values.yaml\n          - $values/generated/apps/settings/extra.yaml\n    - repoURL: https://git.example.org/fleet.git\n      ref: values\n",
  );
  return root;
}

test("two threads give the report one thread gives, errors located per file and document", async () => {
  const root = fleet();
  const opts: ValidateOptions = { root, targets: [], schemas: schemaFolder(), schemaLocations: [] };
  const one = await validateAll({ ...opts, threads: 1 });
  const two = await validateAll({ ...opts, threads: 2 });
  const four = await validateAll({ ...opts, threads: 4 });
  assert.equal(two, one);
  assert.equal(four, one);
  assert.is(one.files, 185);
  const at = (file: string) => one.problems.filter((p) => p.file === file).map((p) => `${p.index} ${p.object} ${p.path}: ${p.message}`);
  assert.equal(at("generated/tenants/t-005/objects.yaml"), [
    '2 Thing/Bad_5 /metadata/name: must match pattern "^[a-z0-9-]+$"',
    '2 Thing/Bad_5 /spec: unknown field "colour"',
    "2 Thing/Bad_5 /spec/size: must be integer",
  ]);
  assert.match(at("generated/tenants/t-013/broken.yaml").join(), /^0 - \/: YAML syntax error: .* \(2:1\)$/);
  assert.equal(at("generated/tenants/t-014/flow.yaml"), ["0 Thing/? /spec/size: must be integer"]);
  assert.ok(one.problems.some((p) => p.file === "generated/tenants/t-009/objects.yaml" && p.index === 2 && p.message.startsWith("not a Kubernetes object")));
  assert.ok(one.problems.some((p) => p.file === "generated/tenants/t-011/objects.yaml" && p.message.startsWith("no schema for Thing example.org/v9")));
  // the values file named by the Application is checked as values (here: no chart schema), not as objects
  assert.not.ok(one.problems.some((p) => p.file.includes("app-values") || p.file.includes("extra.yaml")));
  assert.ok(one.values.unchecked.some((l) => l.startsWith("generated/apps/values/app-values.yaml")));
  assert.ok(one.values.unchecked.some((l) => l.startsWith("generated/apps/settings/extra.yaml")));
});

test("the workers do scan files, and give the main thread's results for them", async () => {
  const root = fleet();
  const spec: ValidatorSpec = { kind: "folder", dir: schemaFolder() };
  const files = collectFiles(root, ["generated"]);
  const alone = new ScanPool(root, spec, 0);
  const single = await alone.scan(files, await makeValidator(spec));
  const pool = new ScanPool(root, spec, 2);
  const pooled = await pool.scan(files, await makeValidator(spec), true);
  assert.is(pool.scannedByWorkers, files.length);
  assert.is(alone.scannedByWorkers, 0);
  assert.equal(pooled, single);
});

test("the npm scripts' bundle (compiler/run.mjs) validates on workers too, with the same report", async () => {
  const root = fleet(230);
  const schemas = schemaFolder();
  const cli = (...args: string[]) => spawnSync(process.execPath, [path.join(REPO_ROOT, "compiler", "run.mjs"), "validate", "--root", root, "--schemas", schemas, "--kubeconform", "off", ...args], { encoding: "utf8" });
  const bundled = cli();
  // 235 files: over the threshold for workers; a worker that fails would be an internal error (exit 2)
  assert.is(bundled.status, 1, bundled.stderr);
  const one = await validateAll({ root, targets: [], schemas, schemaLocations: [], threads: 1 });
  const lines = bundled.stderr.split("\n").filter((l) => l.startsWith("generated/"));
  assert.is(lines.length, one.problems.length);
  assert.match(bundled.stderr, new RegExp(`${one.problems.length} error\\(s\\)\\. \\d+ object\\(s\\) checked in 235 file\\(s\\)`));
});

test.run();
