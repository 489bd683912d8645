// `npm run validate` on a clone with no schema folder: Kubernetes' own kinds are checked strictly against
// the schemas built from the installed @kubernetes/client-node models; custom resources are skipped, and the
// output and the summary say how many, of which kinds.
import fs from "node:fs";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { compiledFixture, run, tempDir } from "../helpers/fleet";

const BAD = `apiVersion: apps/v1
kind: Deployment
metadata: { name: lms, colour: blue }
spec:
  replicas: "2"
  selector: { matchLabels: { app: lms } }
  template:
    metadata: { labels: { app: lms } }
    spec:
      containers:
        - { name: lms, image: lms, ports: [{ containerPort: 80, protocl: TCP }] }
---
apiVersion: example.com/v1
kind: Widget
metadata: { name: w }
spec: { anything: true }
`;

/** Runs validate with no schema folder: FLEET_SCHEMAS unset, and temp folders have no shared/ beside them. */
async function validateWithoutFolder(root: string, ...args: string[]) {
  const saved = process.env.FLEET_SCHEMAS;
  delete process.env.FLEET_SCHEMAS;
  try {
    assert.not.ok(fs.existsSync(path.join(root, "..", "shared", "schemas")), "a schema folder beside the fleet");
    return await run(root, "validate", "--kubeconform", "off", ...args);
  } finally {
    if (saved !== undefined) process.env.FLEET_SCHEMAS = saved;
  }
}

test("validate without a schema folder: the compiled fleet passes; custom resources are reported as skipped", async () => {
  const r = await validateWithoutFolder(await compiledFixture());
  assert.is(r.code, 0, r.err);
  const summary = /^valid: (\d+) object\(s\) checked, (\d+) skipped in \d+ file\(s\).*packaged schemas of @kubernetes\/client-node \d+\.\d+\.\d+$/m.exec(r.out);
  assert.ok(summary, r.out);
  assert.ok(Number(summary[1]) > 20);
  const skips = [...r.out.matchAll(/^skipped: (\d+) (\S+) (\S+)$/gm)];
  assert.is(skips.reduce((n, m) => n + Number(m[1]), 0), Number(summary[2]), "every skip is listed by kind");
  assert.ok(skips.some((m) => m[2] === "Application" && m[3] === "argoproj.io/v1alpha1"));
  assert.ok(skips.every((m) => m[3]!.includes(".")), "only custom resources are skipped");
});

test("validate without a schema folder: unknown fields and wrong types of Kubernetes' own kinds are errors", async () => {
  const root = tempDir("fleet-validate-");
  fs.mkdirSync(path.join(root, "out"));
  fs.writeFileSync(path.join(root, "out", "bad.yaml"), BAD);
  const r = await validateWithoutFolder(root, "out");
  assert.is(r.code, 1);
  const lines = r.err.split("\n").filter((l) => l.startsWith("out/"));
  assert.equal(lines, [
    'out/bad.yaml [doc 0] Deployment/lms /metadata: unknown field "colour"',
    "out/bad.yaml [doc 0] Deployment/lms /spec/replicas: must be integer",
    'out/bad.yaml [doc 0] Deployment/lms /spec/template/spec/containers/0/ports/0: unknown field "protocl"',
  ]);
  assert.match(r.out, /^skipped: 1 Widget example\.com\/v1$/m);
  assert.match(r.err, /3 error\(s\)\. 1 object\(s\) checked, 1 skipped in 1 file\(s\)/);
});

test.run();
