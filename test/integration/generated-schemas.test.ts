// `npm run validate`: the committed generated/ passes; unknown fields, wrong types and kinds without a
// schema are each reported (every error, with file, document, object and path); Helm values against chart
// schemas; kubeconform's JSON output mapped to the same report.
import fs from "node:fs";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { findSchemaDir } from "../../compiler/validate/kube-schemas";
import { strictValidator } from "../helpers/schemas";
import { kubeconformOnPath } from "../../compiler/validate/kubeconform";
import { REPO_ROOT, run, tempDir as newTempDir } from "../helpers/fleet";

const dir = findSchemaDir(REPO_ROOT);
// without the schema folder (FLEET_SCHEMAS, or shared/ beside the repository) these are skipped, and counted so
const withSchemas = dir ? test : test.skip;

function tempDir(files: Record<string, string>): string {
  const root = newTempDir("fleet-validate-");
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return root;
}

const BAD = `apiVersion: v1
kind: Namespace
metadata:
  name: acme
  colour: red
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: lms
  namespace: acme
spec:
  replicas: two
  selector: { matchLabels: { app: lms } }
  template:
    metadata: { labels: { app: lms } }
    spec:
      containers:
        - name: lms
          image: lms:1
          ports: [{ containerPort: "http" }]
---
apiVersion: example.com/v1
kind: Widget
metadata:
  name: w
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: flags
data:
  debug: off
`;

withSchemas("validate: the committed generated/ passes", async () => {
  const r = await run(REPO_ROOT, "validate", "--kubeconform", "off");
  assert.is(r.code, 0, r.err);
  assert.match(r.out, /^valid: \d+ object\(s\)/m);
});

withSchemas("validate: an unknown field, wrong types and a kind without schema, every error with its location", async () => {
  const root = tempDir({ "out/bad.yaml": BAD });
  const r = await run(root, "validate", "--kubeconform", "off", "--schemas", dir!, "out");
  assert.is(r.code, 1);
  const lines = r.err.split("\n").filter((l) => l.startsWith("out/"));
  assert.ok(lines.includes('out/bad.yaml [doc 0] Namespace/acme /metadata: unknown field "colour"'), r.err);
  assert.ok(lines.some((l) => l.startsWith("out/bad.yaml [doc 1] Deployment/lms /spec/replicas: must be integer")), r.err);
  // not only the first error of an object
  assert.ok(lines.some((l) => l.startsWith("out/bad.yaml [doc 1] Deployment/lms /spec/template/spec/containers/0/ports/0/containerPort: must be integer")), r.err);
  assert.ok(lines.some((l) => l.startsWith("out/bad.yaml [doc 2] Widget/w /: no schema for Widget example.com/v1")), r.err);
  // read as YAML 1.1, like the API server: an unquoted `off` is a boolean, not a string
  assert.ok(lines.some((l) => l.startsWith("out/bad.yaml [doc 3] ConfigMap/flags /data/debug: must be string")), r.err);
  assert.match(r.err, /\n\d+ error\(s\)\./);
});

test("validate: a --schemas folder without k8s/ is an error, not a pass", async () => {
  const root = tempDir({ "out/a.yaml": "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n" });
  const r = await run(root, "validate", "--kubeconform", "off", "--schemas", root, "out");
  assert.is(r.code, 1);
  assert.match(r.err, /no k8s\/ folder there/);
});

withSchemas("validate: Helm values against the chart's values.schema.json, and files without a schema listed", async () => {
  const app = (chart: string, file: string) => `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: { name: ${chart}, namespace: argocd }
spec:
  project: platform
  destination: { server: https://kubernetes.default.svc, namespace: ${chart} }
  sources:
    - { repoURL: https://charts.example.org, chart: ${chart}, targetRevision: "1.2.3", helm: { valueFiles: [$values/${file}] } }
    - { repoURL: https://github.com/example/fleet.git, targetRevision: main, ref: values }
`;
  // a tenant's own chart folder whose Chart.yaml depends on gamma (aliased search)
  const local = `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: { name: t--services, namespace: argocd }
spec:
  project: platform
  destination: { server: https://kubernetes.default.svc, namespace: t }
  source: { repoURL: https://github.com/example/fleet.git, targetRevision: main, path: generated/tenants/t/services, helm: { valueFiles: [../values.yaml] } }
`;
  const root = tempDir({
    "generated/apps/a.yaml": app("alpha", "generated/platform/alpha/main/values.yaml") + "---\n" + app("beta", "generated/platform/beta/main/values.yaml"),
    "generated/apps/t.yaml": local,
    "generated/tenants/t/services/Chart.yaml": "apiVersion: v2\nname: t-services\nversion: 1.0.0\ndependencies:\n  - { name: gamma, alias: search, version: 0.3.0, repository: https://charts.example.org }\n",
    "generated/tenants/t/values.yaml": "search:\n  replicas: many\n",
    "charts/gamma/0.3.0/values.schema.json": JSON.stringify({ type: "object", properties: { replicas: { type: "integer" } } }),
    "generated/platform/alpha/main/values.yaml": "replicas: many\nextra: 1\n",
    "generated/platform/beta/main/values.yaml": "replicas: 2\n",
    "charts/alpha/1.2.3/values.schema.json": JSON.stringify({ type: "object", required: ["image"], properties: { replicas: { type: "integer" }, image: { type: "string" } }, additionalProperties: false }),
    "charts/alpha/1.2.3/values.yaml": "image: alpha:1\n",
  });
  const r = await run(root, "validate", "--kubeconform", "off", "--schemas", dir!, "--chart-schemas", path.join(root, "charts"));
  assert.is(r.code, 1, r.out);
  assert.match(r.err, /generated\/platform\/alpha\/main\/values.yaml \[doc 0\] - \/replicas: must be integer \(chart alpha 1.2.3\)/);
  assert.match(r.err, /generated\/platform\/alpha\/main\/values.yaml \[doc 0\] - \/: unknown value "extra"/);
  // the chart's defaults supply `image`, as Helm merges them before validating
  assert.not.match(r.err, /required property 'image'/);
  assert.match(r.out, /not checked: generated\/platform\/beta\/main\/values.yaml: no values.schema.json for chart beta 1.2.3/);
  // a dependency of a local chart: its values sit under its alias; Chart.yaml is no Kubernetes object
  assert.match(r.err, /generated\/tenants\/t\/values.yaml \[doc 0\] - \/search\/replicas: must be integer \(chart gamma 0.3.0\)/);
  assert.not.match(r.err, /Chart.yaml/);
  // what CI pulls to fill the chart schema folder
  const charts = await run(root, "validate", "--print-charts");
  assert.equal(charts.out.split("\n"), ["https://charts.example.org\talpha\t1.2.3", "https://charts.example.org\tbeta\t1.2.3", "https://charts.example.org\tgamma\t0.3.0"]);
});

test("validate: kubeconform's JSON report maps to the same problems, with document indexes", async () => {
  const root = tempDir({ "out/two.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: { name: b }\n" });
  const report = {
    resources: [
      { filename: path.join(root, "out/two.yaml"), kind: "ConfigMap", name: "b", version: "v1", status: "statusInvalid", msg: "x", validationErrors: [{ path: "/data/k", msg: "expected string, but got number" }] },
      { filename: path.join(root, "out/two.yaml"), kind: "ConfigMap", name: "a", version: "v1", status: "statusError", msg: "could not find schema for ConfigMap" },
    ],
    summary: { valid: 0, invalid: 1, errors: 1, skipped: 0 },
  };
  const bin = path.join(root, "kubeconform");
  fs.writeFileSync(bin, `#!/bin/sh\ncase "$*" in *-strict*) ;; *) exit 3;; esac\ncat <<'EOF'\n${JSON.stringify(report)}\nEOF\nexit 1\n`, { mode: 0o755 });
  const r = await run(root, "validate", "--kubeconform", bin, "--schema-location", "default", "out");
  assert.is(r.code, 1);
  assert.match(r.err, /out\/two.yaml \[doc 1\] ConfigMap\/b \/data\/k: expected string, but got number/);
  assert.match(r.err, /out\/two.yaml \[doc 0\] ConfigMap\/a \/: could not find schema for ConfigMap/);
});

const bin = kubeconformOnPath();
(dir && bin ? test : test.skip)("validate: a real kubeconform on PATH finds the same errors at the same places as the in-process validator", async () => {
  const root = tempDir({ "out/bad.yaml": BAD });
  const places = (err: string) => err.split("\n").filter((l) => l.startsWith("out/")).map((l) => l.slice(0, l.indexOf(": ")));
  const builtIn = await run(root, "validate", "--kubeconform", "off", "--schemas", dir!, "out");
  const real = await run(root, "validate", "--kubeconform", bin!, "--schemas", dir!, "out");
  assert.is(real.code, 1);
  assert.equal(places(real.err), places(builtIn.err));
  assert.is((await run(REPO_ROOT, "validate", "--kubeconform", bin!, "--schemas", dir!)).code, 0);
});

withSchemas("the validator resolves CRD groups ending in .k8s.io to the CRD folder", () => {
  const gateway = strictValidator(dir!).validate({ apiVersion: "gateway.networking.k8s.io/v1", kind: "HTTPRoute", metadata: { name: "a" }, spec: {} });
  assert.is(gateway.schema, "crds/gateway.networking.k8s.io/httproute_v1.json");
});

test.run();
