// Autoscaling as the size says, whatever the plugins: an autoscaler per sized Deployment with the size's
// bounds, and disruption budgets where replicas or node consolidation need them.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { TARGET_CPU_UTILIZATION } from "../../compiler/postrender/autoscaling";
import { postRender } from "../../compiler/postrender/index";
import type { KubeObject } from "../../compiler/render/objects";
import { context, initTasks, tutorObjects, toManifests } from "./tutor-output";

const SIZED = ["caddy", "cms", "cms-worker", "lms", "lms-worker", "mfe"];
const spec = (o: KubeObject) => o.spec as any;
const large = {
  ...context.size,
  workloads: { ...context.size.workloads, lms: { ...context.size.workloads.lms, replicas: { min: 3, max: 10 } }, cmsWorker: { ...context.size.workloads.cmsWorker, replicas: { min: 2, max: 4 } } },
};
// without the plugin's HPA the fixture output has on lms
const withoutPluginHpas = () => tutorObjects().filter((o: any) => o.kind !== "HorizontalPodAutoscaler");

test("every sized Deployment gets an autoscaler with the size's bounds, with or without pod-autoscaling", () => {
  for (const objects of [tutorObjects(), withoutPluginHpas()]) {
    const out = postRender(toManifests(objects), initTasks(), { ...context, size: large });
    const hpas = out.filter((o) => o.kind === "HorizontalPodAutoscaler");
    assert.equal(hpas.map((h) => spec(h).scaleTargetRef.name).sort(), SIZED);
    const lms = hpas.find((h) => spec(h).scaleTargetRef.name === "lms")!;
    assert.equal([spec(lms).minReplicas, spec(lms).maxReplicas], [3, 10]);
    const worker = hpas.find((h) => h.metadata.name === "cms-worker-hpa")!;
    assert.equal(spec(worker).metrics, [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: TARGET_CPU_UTILIZATION } } }]);
    assert.is(worker.metadata.namespace, "acme");
    // the autoscaler owns the replica count: Argo CD never fights it
    for (const d of out.filter((o) => o.kind === "Deployment" && SIZED.includes(o.metadata.name))) assert.is(spec(d).replicas, undefined, d.metadata.name);
  }
});

test("disruption budgets: several replicas lose one at a time; single serving replicas are kept only under consolidation", () => {
  const budgets = (consolidation: boolean) =>
    Object.fromEntries(
      postRender(toManifests(withoutPluginHpas()), initTasks(), { ...context, size: large, consolidation })
        .filter((o) => o.kind === "PodDisruptionBudget")
        .map((p) => [p.metadata.name, spec(p)]),
    );
  const plain = budgets(false);
  assert.equal(Object.keys(plain).sort(), ["cms-worker-pdb", "lms-pdb"]);
  assert.is(plain["lms-pdb"].maxUnavailable, 1);
  const lms = postRender(toManifests(withoutPluginHpas()), initTasks(), context).find((o) => o.kind === "Deployment" && o.metadata.name === "lms")!;
  assert.equal(plain["lms-pdb"].selector, spec(lms).selector, "the Deployment's own selector");
  assert.is(plain["lms-pdb"].unhealthyPodEvictionPolicy, "AlwaysAllow");
  const packed = budgets(true);
  assert.equal(Object.keys(packed).sort(), ["caddy-pdb", "cms-pdb", "cms-worker-pdb", "lms-pdb", "mfe-pdb"]);
  assert.is(packed["cms-pdb"].minAvailable, 1);
  assert.is(packed["cms-pdb"].maxUnavailable, undefined);
});

test.run();
