// Which removed objects count as data-bearing: a table of cases.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { isDataBearing } from "../../compiler/review/flags";
import type { Located } from "../../compiler/review/snapshot";

const obj = (kind: string, extra: Record<string, unknown> = {}): Located["object"] => ({ apiVersion: "v1", kind, metadata: { name: "x" }, ...extra });
const app = (chart: string, finalizers = ["resources-finalizer.argocd.argoproj.io"]) =>
  obj("Application", { metadata: { name: "x", finalizers }, spec: { sources: [{ chart, repoURL: "https://charts.example.org", targetRevision: "1.0.0" }] } });

const CASES: [string, Located["object"], boolean][] = [
  ["a PVC", obj("PersistentVolumeClaim"), true],
  ["a Secret", obj("Secret"), true],
  ["an ExternalSecret", obj("ExternalSecret"), true],
  ["a database of the MariaDB operator", obj("Database"), true],
  ["anything marked Delete=false", obj("ConfigMap", { metadata: { name: "x", annotations: { "argocd.argoproj.io/sync-options": "Delete=false,Prune=confirm" } } }), true],
  ["a StatefulSet with volume claim templates", obj("StatefulSet", { spec: { volumeClaimTemplates: [{}] } }), true],
  ["a StatefulSet without", obj("StatefulSet", { spec: {} }), false],
  ["a cascading Application of a database chart", app("mariadb-operator"), true],
  ["an Application of a database chart that leaves its objects behind", app("mariadb-operator", []), false],
  ["an Application of a stateless chart", app("metrics-server"), false],
  ["a Deployment", obj("Deployment"), false],
  ["a ConfigMap", obj("ConfigMap"), false],
];

test("data-bearing objects", () => {
  for (const [name, o, expected] of CASES) assert.is(isDataBearing(o), expected, name);
});

test.run();
