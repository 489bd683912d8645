// The namespace quota has room for what post-render really emits: for each example size, the requests of
// every pod at its peak (each Deployment at its most replicas plus its maxSurge, the hook Jobs of one sync
// wave) fit the ResourceQuota the compiler writes; and every container has requests and a memory limit.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { build } from "../../compiler/compile";
import { parseCpu, parseMemory } from "../../compiler/model/quantity";
import { podSpecOf } from "../../compiler/model/pod-security";
import { postRender, PostRenderError } from "../../compiler/postrender/index";
import type { KubeObject } from "../../compiler/render/objects";
import { quotaAndLimits } from "../../compiler/render/tenant/quota";
import { FIXTURE_FLEET } from "../helpers/fleet";
import { context, initTasks, tutorObjects, toManifests } from "./tutor-output";

const model = build(FIXTURE_FLEET).model;
/** An autoscaler on every sized Deployment (the fixture has one on lms), so each can reach its ceiling. */
const hpas = ["cms", "lms-worker", "cms-worker", "mfe", "caddy"].map((name) => ({
  apiVersion: "autoscaling/v2",
  kind: "HorizontalPodAutoscaler",
  metadata: { name: `${name}-hpa`, namespace: "acme" },
  spec: { scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name }, minReplicas: 1, maxReplicas: 1 },
}));
const acme = model.tenants.find((t) => t.id === "acme")!;
const containersOf = (o: KubeObject) => {
  const spec = podSpecOf(o) as { containers?: any[]; initContainers?: any[] } | undefined;
  return spec ? [...(spec.initContainers ?? []), ...(spec.containers ?? [])] : [];
};

/** Pods at their peak, counted here without the compiler's own helpers: [cpu cores, memory bytes, memory limit bytes]. */
function peak(objects: KubeObject[]): [number, number, number] {
  const hpaMax = new Map(objects.filter((o) => o.kind === "HorizontalPodAutoscaler").map((o: any) => [o.spec.scaleTargetRef.name, o.spec.maxReplicas]));
  const hooksPerWave = new Map<string, number>();
  for (const o of objects) if (o.kind === "Job") hooksPerWave.set(o.metadata.annotations!["argocd.argoproj.io/sync-wave"]!, (hooksPerWave.get(o.metadata.annotations!["argocd.argoproj.io/sync-wave"]!) ?? 0) + 1);
  const total: [number, number, number] = [0, 0, 0];
  let hook: [number, number, number] = [0, 0, 0];
  for (const o of objects) {
    const cs = containersOf(o);
    if (cs.length === 0) continue;
    const one: [number, number, number] = [0, 0, 0];
    for (const c of cs) {
      one[0] += parseCpu(c.resources.requests.cpu);
      one[1] += parseMemory(c.resources.requests.memory);
      one[2] += parseMemory(c.resources.limits.memory);
    }
    if (o.kind === "Job") {
      hook = one.map((v, i) => Math.max(v * Math.max(...hooksPerWave.values()), hook[i]!)) as [number, number, number];
      continue;
    }
    const s = o.spec as any;
    const replicas = hpaMax.get(o.metadata.name) ?? s.replicas ?? 1;
    const surge = s.strategy?.type === "Recreate" ? 0 : typeof s.strategy?.rollingUpdate?.maxSurge === "number" ? s.strategy.rollingUpdate.maxSurge : Math.ceil(replicas / 4);
    for (let i = 0; i < 3; i++) total[i] = total[i]! + one[i]! * (replicas + surge);
  }
  return total.map((v, i) => v + hook[i]!) as [number, number, number];
}

for (const preset of Object.keys(model.platform.sizes).sort()) {
  test(`size ${preset}: every pod at its peak fits the namespace quota`, () => {
    const tenant = { ...acme, size: { preset, workloads: model.platform.sizes[preset]! } };
    const objects = postRender(toManifests([...tutorObjects(), ...hpas]), initTasks(), { ...context, size: tenant.size });
    for (const o of objects) for (const c of containersOf(o)) assert.ok(c.resources?.requests?.cpu && c.resources.requests.memory && c.resources.limits?.memory, `${o.kind} ${o.metadata.name} ${c.name} has requests and a memory limit`);
    const hard = (quotaAndLimits(tenant, model.platform).find((o) => o.kind === "ResourceQuota")!.spec as any).hard;
    const [cpu, memory, limit] = peak(objects);
    assert.ok(cpu <= parseCpu(hard["requests.cpu"]), `cpu ${cpu} ≤ ${hard["requests.cpu"]}`);
    assert.ok(memory <= parseMemory(hard["requests.memory"]), `memory ${memory} ≤ ${hard["requests.memory"]}`);
    assert.ok(limit <= parseMemory(hard["limits.memory"]), `limits ${limit} ≤ ${hard["limits.memory"]}`);
    // the peak is exactly the quota less the ACME solver (10m): nothing is counted twice, nothing left out
    assert.is(Math.round((parseCpu(hard["requests.cpu"]) - cpu) * 1000), 10);
  });
}

test("the init hooks get their requests; every Deployment rolls out with one surge pod and none taken away", () => {
  const objects = postRender(toManifests(tutorObjects()), initTasks(), context);
  for (const job of objects.filter((o) => o.kind === "Job")) assert.equal(containersOf(job)[0].resources.requests, context.size.workloads.lms.requests);
  for (const d of objects.filter((o) => o.kind === "Deployment")) assert.equal((d.spec as any).strategy, { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } }, d.metadata.name);
});

test("a render whose pods would not fit the quota is refused, naming the pods", () => {
  const extra = { ...tutorObjects().find((o: any) => o.kind === "Deployment" && o.metadata.name === "lms")!, metadata: { name: "plugin-worker", namespace: "acme" } };
  (extra as any).spec.template.spec.containers[0].resources = { requests: { cpu: "4", memory: "8Gi" }, limits: { memory: "8Gi" } };
  try {
    postRender(toManifests([...tutorObjects(), extra]), initTasks(), context);
    assert.unreachable("refused");
  } catch (e) {
    assert.instance(e, PostRenderError);
    assert.match((e as Error).message, /need more than the namespace quota holds: requests\.cpu .*Deployment plugin-worker ×2/);
  }
});

test.run();
