// The post-render hardening of Tutor's pods: Tutor 21's own Deployments and Jobs go from failing
// Pod Security "restricted" to passing it, without losing what they set themselves.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { podSpecOf, restrictedViolations } from "../../compiler/model/pod-security";
import { hardenPodSecurity } from "../../compiler/postrender/pod-security";
import type { KubeObject } from "../../compiler/render/objects";

const deployment = (name: string, spec: Record<string, unknown>): KubeObject => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name },
  spec: { selector: { matchLabels: { "app.kubernetes.io/name": name } }, template: { metadata: { labels: { "app.kubernetes.io/name": name } }, spec } },
});

// as Tutor 21.0.8 renders them (tutor/templates/k8s/deployments.yml, jobs.yml; tutor-mfe 21.0.0)
const lms = deployment("lms", {
  securityContext: { runAsUser: 1000, runAsGroup: 1000 },
  containers: [{ name: "lms", image: "docker.io/overhangio/openedx:21.0.8", ports: [{ containerPort: 8000 }], securityContext: { allowPrivilegeEscalation: false } }],
});
const caddy = deployment("caddy", {
  containers: [{ name: "caddy", image: "docker.io/caddy:2.7.4", ports: [{ containerPort: 80 }], volumeMounts: [{ mountPath: "/etc/caddy/", name: "config" }] }],
  volumes: [{ name: "config", configMap: { name: "caddy-config" } }],
});
const mfe = deployment("mfe", { containers: [{ name: "mfe", image: "docker.io/overhangio/openedx-mfe:21.0.0", ports: [{ containerPort: 8002 }] }] });
const lmsJob: KubeObject = {
  apiVersion: "batch/v1",
  kind: "Job",
  metadata: { name: "lms-job" },
  spec: { template: { spec: { restartPolicy: "Never", containers: [{ name: "lms", image: "docker.io/overhangio/openedx:21.0.8" }] } } },
};
const cronJob: KubeObject = {
  apiVersion: "batch/v1",
  kind: "CronJob",
  metadata: { name: "cleanup" },
  spec: { schedule: "0 3 * * *", jobTemplate: { spec: { template: { spec: { containers: [{ name: "c", image: "busybox:1.36", securityContext: { capabilities: { add: ["SYS_ADMIN", "NET_BIND_SERVICE"] } } }] } } } } },
};

const violations = (o: KubeObject) => restrictedViolations(podSpecOf(o)!);

for (const o of [lms, caddy, mfe, lmsJob, cronJob]) {
  test(`${o.kind} ${o.metadata.name}: fails restricted as rendered, passes once hardened`, () => {
    assert.ok(violations(o).length > 0, "stock Tutor output is not restricted-compliant");
    const before = JSON.stringify(o);
    const hardened = hardenPodSecurity(o);
    assert.equal(violations(hardened), []);
    assert.is(JSON.stringify(o), before, "the input is not mutated");
    assert.equal(hardenPodSecurity(hardened), hardened, "hardening twice changes nothing more");
  });
}

test("the users Tutor sets are kept; pods that set none run as the openedx user, not root", () => {
  assert.is((podSpecOf(hardenPodSecurity(lms))!.securityContext as { runAsUser: number }).runAsUser, 1000);
  const pod = podSpecOf(hardenPodSecurity(caddy))!.securityContext as Record<string, unknown>;
  assert.equal([pod.runAsUser, pod.runAsGroup, pod.runAsNonRoot], [1000, 1000, true]);
});

test("Caddy keeps port 80 through the unprivileged-ports sysctl, and gets writable /data and /config", () => {
  const spec = podSpecOf(hardenPodSecurity(caddy))! as { securityContext: { sysctls: unknown[] }; containers: { volumeMounts: { mountPath: string }[] }[]; volumes: { name: string }[] };
  assert.equal(spec.securityContext.sysctls, [{ name: "net.ipv4.ip_unprivileged_port_start", value: "0" }]);
  assert.equal(spec.containers[0]!.volumeMounts.map((m) => m.mountPath), ["/etc/caddy/", "/data", "/config"]);
  assert.equal(spec.volumes.map((v) => v.name), ["config", "caddy-data", "caddy-config"]);
  // the LMS listens on 8000: no sysctl, no extra volumes
  const lmsSpec = podSpecOf(hardenPodSecurity(lms))! as { securityContext: Record<string, unknown>; volumes?: unknown };
  assert.is(lmsSpec.securityContext.sysctls, undefined);
  assert.is(lmsSpec.volumes, undefined);
});

test("added capabilities other than NET_BIND_SERVICE are removed", () => {
  const c = (podSpecOf(hardenPodSecurity(cronJob))!.containers as { securityContext: { capabilities: unknown } }[])[0]!;
  assert.equal(c.securityContext.capabilities, { add: ["NET_BIND_SERVICE"], drop: ["ALL"] });
});

test("objects without pods are returned as they are", () => {
  const cm: KubeObject = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x" }, data: { a: "b" } };
  assert.is(hardenPodSecurity(cm), cm);
});

test("the checker names each restricted control it finds broken", () => {
  const v = restrictedViolations({ hostNetwork: true, volumes: [{ name: "h", hostPath: { path: "/" } }], containers: [{ name: "c", securityContext: { privileged: true, runAsUser: 0 } }] });
  for (const part of ["hostNetwork is true", "volume h is of type hostPath", "container c is privileged", "allowPrivilegeEscalation", "drop ALL", "runAsNonRoot", "runs as uid 0", "seccompProfile"]) {
    assert.ok(v.some((line) => line.includes(part)), part);
  }
});

test.run();
