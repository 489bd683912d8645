// Data-bearing objects in Tutor's output are kept when the tenant is archived; other objects are untouched.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { keepData } from "../../compiler/postrender/keep-data";
import type { KubeObject } from "../../compiler/render/objects";

const SYNC = "argocd.argoproj.io/sync-options";
const pvc = (annotations?: Record<string, string>): KubeObject => ({ apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: { name: "data", ...(annotations ? { annotations } : {}) } });

// [case, annotations before, sync options after]
const cases: [string, Record<string, string> | undefined, string][] = [
  ["no annotations", undefined, "Delete=false,Prune=confirm"],
  ["other sync options are kept", { [SYNC]: "ServerSideApply=true" }, "ServerSideApply=true,Delete=false,Prune=confirm"],
  ["a plugin's Prune=true is overridden", { [SYNC]: "Prune=true,Delete=true" }, "Delete=false,Prune=confirm"],
];
for (const [name, before, after] of cases) {
  test(`PVC, ${name}`, () => {
    const input = pvc(before);
    const out = keepData(input);
    assert.is(out.metadata.annotations?.[SYNC], after);
    assert.equal(input, pvc(before), "the input is not mutated");
  });
}

test("Secrets are kept too; a Deployment is returned as it is", () => {
  const secret: KubeObject = { apiVersion: "v1", kind: "Secret", metadata: { name: "s" } };
  assert.is(keepData(secret).metadata.annotations?.[SYNC], "Delete=false,Prune=confirm");
  const d: KubeObject = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "lms" } };
  assert.is(keepData(d), d);
});

test.run();
