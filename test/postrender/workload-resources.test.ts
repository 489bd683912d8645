// Tutor's Deployments get the requests and limits of the tenant's size, which the namespace quota counts.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { build } from "../../compiler/compile";
import { applyWorkloadSize, sizeWorkloads } from "../../compiler/postrender/workload-resources";
import type { KubeObject } from "../../compiler/render/objects";
import { FIXTURE_FLEET } from "../helpers/fleet";

const initech = build(FIXTURE_FLEET).model.tenants.find((t) => t.id === "initech")!;
const deployment = (name: string, containers: string[]): KubeObject => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name },
  spec: { template: { spec: { containers: containers.map((c) => ({ name: c, image: "x:1", resources: { requests: { memory: "2Gi" } } })) } } },
});
const resourcesOf = (o: KubeObject) => (o.spec as any).template.spec.containers.map((c: any) => c.resources);

// [Deployment, expected resources of its main container]
const cases: [string, unknown][] = [
  ["lms", { requests: { cpu: "2", memory: "3Gi" }, limits: { memory: "4Gi" } }],
  ["cms", { requests: { cpu: "1", memory: "3Gi" }, limits: { memory: "4Gi" } }], // initech overrides cms memory
  ["lms-worker", { requests: { cpu: "1", memory: "1536Mi" }, limits: { memory: "3Gi" } }],
  ["caddy", { requests: { cpu: "100m", memory: "64Mi" }, limits: { memory: "256Mi" } }],
];
for (const [name, expected] of cases) {
  test(`Deployment ${name} gets its size`, () => {
    const input = deployment(name, [name, "sidecar"]);
    const out = applyWorkloadSize(input, initech.size);
    assert.equal(resourcesOf(out), [expected, { requests: { memory: "2Gi" } }]);
    assert.equal(resourcesOf(input)[0], { requests: { memory: "2Gi" } }, "the input is not mutated");
  });
}

test("objects that are not a sized Tutor Deployment are returned as they are", () => {
  for (const o of [deployment("meilisearch", ["meilisearch"]), { ...deployment("lms", ["lms"]), kind: "StatefulSet" }]) assert.is(applyWorkloadSize(o, initech.size), o);
});

test("replicas follow the size; a Deployment an autoscaler targets carries none, and the autoscaler gets the size's bounds", () => {
  const hpa: KubeObject = { apiVersion: "autoscaling/v2", kind: "HorizontalPodAutoscaler", metadata: { name: "lms-hpa" }, spec: { scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "lms" }, minReplicas: 1, maxReplicas: 2 } };
  const withReplicas = (name: string) => ({ ...deployment(name, [name]), spec: { ...(deployment(name, [name]).spec as object), replicas: 1 } });
  const ctx = { tenant: "initech", namespace: "initech", labels: {}, size: initech.size, tutorPlugins: "../../tutor/plugins" };
  const out = sizeWorkloads([withReplicas("lms"), withReplicas("lms-worker"), hpa, withReplicas("meilisearch")], ctx);
  const spec = (name: string) => out.find((o) => o.metadata.name === name)!.spec as any;
  assert.not.ok("replicas" in spec("lms"));
  assert.is(spec("lms-worker").replicas, 3); // initech overrides lmsWorker replicas.min
  assert.equal([spec("lms-hpa").minReplicas, spec("lms-hpa").maxReplicas], [3, 10]);
  assert.is(spec("meilisearch").replicas, 1);
});

test.run();
