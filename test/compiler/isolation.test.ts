// Tenant isolation as rendered: projects that admit only the tenant's own namespace, the network
// policies, quota and Pod Security labels of every namespace, the Ingress by state, and the rules of check.
import fs from "node:fs";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { build } from "../../compiler/compile";
import { unreachableServices } from "../../compiler/fleet/egress-rules";
import { checkOutput, TENANT_OUTPUT_RULES, tenantOutput, type TenantOutput } from "../../compiler/fleet/output-rules";
import { endpointsOf } from "../../compiler/model/endpoints";
import { projectPermits, type ProjectSpec, type Target } from "../../compiler/fleet/project-permits";
import { load } from "../../compiler/load";
import { defaultProject } from "../../compiler/render/bootstrap";
import type { KubeObject } from "../../compiler/render/objects";
import { FIXTURE_FLEET, run, tempFleet, tenantSource } from "../helpers/fleet";

const platformText = fs.readFileSync(path.join(FIXTURE_FLEET, "platform", "platform.ts"), "utf8");
const EXAMPLE_EGRESS = 'egress: { internet443: true },';
const example = build(FIXTURE_FLEET).model;
const outputOf = (id: string) => tenantOutput(example.tenants.find((t) => t.id === id)!, example.platform);
const spec = (o: KubeObject) => o.spec as Record<string, any>;
const kinds = (o: TenantOutput, kind: string) => o.resources.filter((r) => r.kind === kind);

const acme = outputOf("acme");
const own: Target = { repo: example.platform.repo.url, server: "https://kubernetes.default.svc", namespace: "acme", group: "apps", kind: "Deployment", clusterScoped: false };

// [what, target, permitted]
const projectCases: [string, Partial<Target>, boolean][] = [
  ["its own Deployment", {}, true],
  ["its own Service", { group: "", kind: "Service" }, true],
  ["another tenant's namespace", { namespace: "globex" }, false],
  ["kube-system", { namespace: "kube-system" }, false],
  ["argocd", { namespace: "argocd" }, false],
  ["another cluster", { server: "https://other.example.org" }, false],
  ["another repository", { repo: "https://github.com/evil/fleet.git" }, false],
  ["a Namespace (cluster-scoped)", { namespace: "", group: "", kind: "Namespace", clusterScoped: true }, false],
  ["a ClusterRoleBinding", { namespace: "", group: "rbac.authorization.k8s.io", kind: "ClusterRoleBinding", clusterScoped: true }, false],
  ["a ResourceQuota in its namespace", { group: "", kind: "ResourceQuota" }, false],
  ["a LimitRange in its namespace", { group: "", kind: "LimitRange" }, false],
  ["a NetworkPolicy in its namespace", { group: "networking.k8s.io", kind: "NetworkPolicy" }, false],
  ["an Ingress (could claim another tenant's host)", { group: "networking.k8s.io", kind: "Ingress" }, false],
  ["a RoleBinding", { group: "rbac.authorization.k8s.io", kind: "RoleBinding" }, false],
  ["a MariaDB Grant", { group: "k8s.mariadb.com", kind: "Grant" }, false],
];
for (const [what, change, permitted] of projectCases) {
  test(`tenant project ${permitted ? "admits" : "refuses"} ${what}`, () => {
    assert.is(projectPermits(spec(acme.project) as ProjectSpec, { ...own, ...change }).ok, permitted);
  });
}

test("the default project admits nothing", () => {
  const p = spec(defaultProject(example.platform)) as ProjectSpec;
  for (const [, change] of projectCases) assert.not.ok(projectPermits(p, { ...own, ...change }).ok);
});

test("a tenant on a second cluster may deploy only to that cluster's server", async () => {
  const platform = platformText.replace('\n  },\n  defaultCluster: "main",', '\n    edu: { provider: "generic", server: "https://edu.example.org:6443", capacity: { cpu: "16", memory: "64Gi" } },\n  },\n  defaultCluster: "main",');
  const root = tempFleet({ examples: false, platform, tenants: { far: tenantSource("far", 'cluster: "edu",') } });
  const model = build(root).model;
  const out = tenantOutput(model.tenants[0]!, model.platform);
  const p = spec(out.project) as ProjectSpec;
  assert.ok(projectPermits(p, { ...own, namespace: "far", server: "https://edu.example.org:6443" }).ok);
  assert.not.ok(projectPermits(p, { ...own, namespace: "far", server: "https://kubernetes.default.svc" }).ok);
  for (const app of out.applications) assert.is(spec(app).destination.server, "https://edu.example.org:6443");
});

// restricted where only Open edX runs; baseline beside dedicated services (their upstream charts' pods)
const ENFORCED: Record<string, string> = { acme: "restricted", globex: "baseline", initech: "baseline" };
for (const t of example.tenants) {
  test(`namespace ${t.id} has default deny, DNS, quota, limits and Pod Security ${ENFORCED[t.id]}`, () => {
    const o = outputOf(t.id);
    const policies = new Map(kinds(o, "NetworkPolicy").map((p) => [p.metadata.name, spec(p)]));
    assert.equal(policies.get("default-deny"), { podSelector: {}, policyTypes: ["Ingress", "Egress"] });
    assert.ok(policies.has("allow-dns") && policies.has("allow-within-namespace"));
    assert.is(kinds(o, "ResourceQuota").length, 1);
    assert.is(kinds(o, "LimitRange").length, 1);
    const ns = kinds(o, "Namespace")[0]!;
    assert.is(ns.metadata.labels?.["pod-security.kubernetes.io/enforce"], ENFORCED[t.id]);
    assert.is(ns.metadata.labels?.["pod-security.kubernetes.io/warn"], "restricted");
    for (const p of kinds(o, "NetworkPolicy")) assert.is(p.metadata.namespace, t.id);
  });
}

test("no network policy admits another tenant's namespace", () => {
  const tenantNamespaces = new Set(example.tenants.map((t) => t.names.namespace));
  for (const t of example.tenants) {
    const text = JSON.stringify(kinds(outputOf(t.id), "NetworkPolicy"));
    for (const m of text.matchAll(/"kubernetes.io\/metadata.name":"([^"]+)"/g)) {
      assert.not.ok(tenantNamespaces.has(m[1]!), `${t.id} admits namespace ${m[1]}`);
    }
  }
});

test("egress goes to exactly the shared services the tenant uses", () => {
  const egressOf = (id: string) => spec(kinds(outputOf(id), "NetworkPolicy").find((p) => p.metadata.name === "allow-platform-services")!).egress.map((r: any) => `${r.to[0].namespaceSelector.matchLabels["kubernetes.io/metadata.name"]}:${r.ports.map((p: any) => p.port).join(",")}`);
  assert.equal(egressOf("acme"), ["meilisearch:7700", "mongodb:27017", "mysql:3306", "redis:6379"]);
  assert.equal(egressOf("initech"), ["meilisearch:7700", "mongodb:27017"]); // mysql and redis are dedicated, in its namespace
  assert.equal(egressOf("globex"), ["mongodb:27017", "mysql:3306", "redis:6379"]);
});

test("the platform's declared egress becomes ipBlock rules; the internet rule keeps private ranges out", () => {
  const platform = platformText.replace(EXAMPLE_EGRESS, 'egress: { services: [{ cidr: "10.0.5.10/32", ports: [587] }], objectStorage: [{ cidr: "52.95.0.0/16", ports: [443] }], internet443: true },');
  const root = tempFleet({ examples: false, platform, tenants: { one: tenantSource("one") } });
  const model = build(root).model;
  const ext = spec(tenantOutput(model.tenants[0]!, model.platform).resources.find((o) => o.metadata.name === "allow-external")!).egress;
  assert.equal(ext[0].to, [{ ipBlock: { cidr: "52.95.0.0/16" } }]);
  assert.equal(ext[1], { to: [{ ipBlock: { cidr: "10.0.5.10/32" } }], ports: [{ protocol: "TCP", port: 587 }] });
  assert.ok(ext[2].to[0].ipBlock.except.includes("169.254.0.0/16"), "cloud metadata stays unreachable");
  assert.equal(ext[2].ports, [{ protocol: "TCP", port: 443 }]);
  const none = tempFleet({ examples: false, platform: platformText.replace(EXAMPLE_EGRESS, ""), tenants: { one: tenantSource("one") } });
  const bare = build(none).model;
  assert.not.ok(tenantOutput(bare.tenants[0]!, bare.platform).resources.some((o) => o.metadata.name === "allow-external"), "nothing external when the platform declares nothing");
});

// [case, services answering outside the cluster (name → port), egress.services ports, expected gaps]
const egressCases: [string, Record<string, number>, number[][], string[]][] = [
  ["all in the cluster", {}, [], []],
  ["external MySQL, nothing declared", { mysql: 3306 }, [], ["mysql:3306"]],
  ["external MySQL, its port declared", { mysql: 3306 }, [[3306]], []],
  ["external MySQL and Redis, only MySQL's port declared", { mysql: 3306, redis: 6379 }, [[3306, 5432]], ["redis:6379"]],
];
for (const [name, external, ports, expected] of egressCases) {
  test(`egress gaps: ${name}`, () => {
    // a copy: the tenant's endpoints are worked out once and shared (frozen)
    const endpoints = structuredClone(endpointsOf(acme.tenant));
    for (const [service, port] of Object.entries(external)) Object.assign(endpoints[service as keyof typeof endpoints], { namespace: undefined, port });
    const egress = { ...acme.tenant.cluster.spec.egress, services: ports.map((p, i) => ({ cidr: `10.9.${i}.0/24`, ports: p })) };
    assert.equal([...unreachableServices(endpoints, egress)].map(([s, p]) => `${s}:${p}`), expected);
  });
}

test("a CIDR that is not one is refused with its location", async () => {
  const platform = platformText.replace(EXAMPLE_EGRESS, 'egress: { services: [{ cidr: "10.0.5.10", ports: [587] }] },');
  const r = await run(tempFleet({ examples: false, platform }), "compile");
  assert.is(r.code, 1);
  assert.match(r.err, /platform\/platform\.ts:\d+:\d+ error clusters\.main\.egress\.services\[0\]\.cidr: "10\.0\.5\.10" is not a CIDR block/);
});

// [state, Ingress backend, maintenance objects, instance Application]
const stateCases: [string, string | undefined, boolean, boolean][] = [
  ["active", "caddy:80", false, true],
  ["maintenance", "maintenance:8080", true, true],
  ["archived", undefined, false, false],
];
for (const [state, backend, maintenance, instance] of stateCases) {
  test(`state ${state}: Ingress → ${backend ?? "none"}, maintenance page ${maintenance ? "on" : "off"}, instance app ${instance ? "kept" : "gone"}`, () => {
    const root = tempFleet({ examples: false, tenants: { one: tenantSource("one", `state: "${state}", plugins: ["mfe"],`) } });
    const model = build(root).model;
    const o = tenantOutput(model.tenants[0]!, model.platform);
    const ingress = kinds(o, "Ingress");
    if (backend) {
      const s = spec(ingress[0]!);
      assert.equal(s.rules.map((r: any) => r.host), ["one.example.org", "studio.one.example.org", "apps.one.example.org"]);
      for (const r of s.rules) assert.is(`${r.http.paths[0].backend.service.name}:${r.http.paths[0].backend.service.port.number}`, backend);
      assert.equal(s.tls, [{ hosts: ["one.example.org", "studio.one.example.org", "apps.one.example.org"], secretName: "openedx-tls" }]);
      assert.is(s.ingressClassName, "traefik");
      assert.is(ingress[0]!.metadata.annotations?.["cert-manager.io/cluster-issuer"], "letsencrypt-production");
    } else assert.is(ingress.length, 0);
    if (backend) {
      // without the mfe plugin the MFE host is neither routed nor certified
      const bare = tempFleet({ examples: false, tenants: { one: tenantSource("one", `state: "${state}",`) } });
      const m = build(bare).model;
      assert.equal(spec(kinds(tenantOutput(m.tenants[0]!, m.platform), "Ingress")[0]!).tls[0].hosts, ["one.example.org", "studio.one.example.org"]);
    }
    assert.is(kinds(o, "Deployment").some((d) => d.metadata.name === "maintenance"), maintenance);
    assert.is(o.applications.some((a) => a.metadata.name === "one"), instance);
    assert.ok(kinds(o, "Namespace").length === 1, "the namespace stays in every state");
  });
}

test("the quota is the size at its ceiling, one surge replica per Deployment, the running hook and the ACME solver; zero when archived", () => {
  const root = tempFleet({ examples: false, tenants: { one: tenantSource("one"), two: tenantSource("two", 'state: "archived",') } });
  const model = build(root).model;
  const hard = (id: string) => spec(kinds(tenantOutput(model.tenants.find((t) => t.id === id)!, model.platform), "ResourceQuota")[0]!).hard;
  // small: lms 500m×(2+1), cms 250m×2, lmsWorker 250m×2, cmsWorker 100m×2, mfe and caddy 25m×2 = 2800m (no smtp: RUN_SMTP is false);
  // one init hook at a time, LMS-sized 500m; 10m for the ACME solver
  assert.equal(hard("one"), { "requests.cpu": "3310m", "requests.memory": "9408Mi", "limits.memory": "19008Mi", "services.loadbalancers": "0", "services.nodeports": "0" });
  assert.is(hard("two")["requests.cpu"], "0");
});

test("quotas above the cluster's capacity warn, above the over-commit ratio fail, located at the capacity", async () => {
  const withCpu = (cpu: string) => platformText.replace('capacity: { cpu: "64"', `capacity: { cpu: "${cpu}"`);
  const fits = await run(tempFleet({ examples: false, platform: withCpu("4"), tenants: { one: tenantSource("one") } }), "compile");
  assert.is(fits.code, 0, fits.err);
  assert.not.match(fits.err, "capacity");
  const over = await run(tempFleet({ examples: false, platform: withCpu("3"), tenants: { one: tenantSource("one") } }), "compile");
  assert.is(over.code, 0, over.err);
  assert.match(over.err, /platform\/platform\.ts:\d+:\d+ warning clusters\.main\.capacity: tenant quotas on cluster main request 3310m CPU, 110% of its capacity 3: over-committed \[capacity\]/);
  const beyond = await run(tempFleet({ examples: false, platform: withCpu("2"), tenants: { one: tenantSource("one") } }), "compile");
  assert.is(beyond.code, 1);
  assert.match(beyond.err, "166% of its capacity 2, above the allowed over-commit 1.5 [capacity]");
});

// Each rule over the rendered objects, shown to fire on a tampered output: [rule code, tamper]
const tampers: [string, (o: TenantOutput) => void][] = [
  ["app-project", (o) => (spec(o.applications.find((a) => a.metadata.name === "acme")!).project = "platform")],
  ["app-project", (o) => (spec(o.applications[0]!).destination.namespace = "globex")],
  ["app-sync-policy", (o) => (o.applications.find((a) => a.metadata.name === "acme--base")!.metadata.finalizers = ["resources-finalizer.argocd.argoproj.io"])],
  ["app-sync-policy", (o) => (spec(o.applications[0]!).syncPolicy.automated.allowEmpty = true)],
  ["project-scope", (o) => spec(o.project).destinations.push({ server: "*", namespace: "*" })],
  ["project-scope", (o) => spec(o.project).clusterResourceWhitelist.push({ group: "*", kind: "*" })],
  ["project-scope", (o) => (spec(o.project).namespaceResourceBlacklist = [])],
  ["object-namespace", (o) => (o.resources.find((r) => r.kind === "ResourceQuota")!.metadata.namespace = "globex")],
  ["object-namespace", (o) => o.resources.push({ apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRoleBinding", metadata: { name: "x" } })],
  ["object-namespace", (o) => o.resources.push({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "unlabelled", namespace: "mysql" } })],
  ["object-namespace", (o) => o.resources.push({ apiVersion: "external-secrets.io/v1", kind: "ClusterSecretStore", metadata: { name: "wide", labels: { "fleet.openedx.org/tenant": "acme" } }, spec: { provider: {} } })],
  ["data-unguarded", (o) => o.resources.push({ apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: { name: "data", namespace: "acme" } })],
  ["data-unguarded", (o) => (o.resources.find((r) => r.kind === "Namespace")!.metadata.annotations = {})],
  ["isolation-missing", (o) => (o.resources = o.resources.filter((r) => r.metadata.name !== "default-deny"))],
  ["isolation-missing", (o) => (o.resources = o.resources.filter((r) => r.kind !== "LimitRange"))],
  ["pod-security", (o) => o.resources.push({ apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: { containers: [{ name: "c", securityContext: { privileged: true } }] } })],
];
for (const [code, tamper] of tampers) {
  test(`rule ${code} fires on a tampered output`, () => {
    const o: TenantOutput = { ...structuredClone({ applications: acme.applications, project: acme.project, resources: acme.resources }), tenant: acme.tenant };
    assert.equal(TENANT_OUTPUT_RULES.flatMap((r) => r(acme, example.platform)), [], "the real output passes");
    tamper(o);
    const codes = TENANT_OUTPUT_RULES.flatMap((r) => r(o, example.platform)).map((d) => d.code);
    assert.ok(codes.includes(code), `${code} in ${codes.join(", ")}`);
  });
}

test("the fixture fleet passes every output rule", () => {
  const loaded = load(FIXTURE_FLEET);
  assert.equal(checkOutput(loaded.platform!, example.tenants), []);
});

test.run();
