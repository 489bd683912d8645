// Work the compiler does once and shares (kept verdicts, sort keys, a copied hash): the same answers as done each time.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { kindPermitted, placePermitted, projectPermits, type ProjectSpec, type Target } from "../../compiler/fleet/project-permits";
import { sortObjects, type KubeObject } from "../../compiler/render/objects";
import { namespaceResourceBlacklist } from "../../compiler/render/tenant/project-policy";
import { uuidV5 } from "../../compiler/tutor/pinned";
import { build } from "../../compiler/compile";
import { fleetIndexEntry, INDEX_KEY_ORDER, indexEntryText } from "../../compiler/render/fleet-index";
import { canonical } from "../../compiler/render/key-order";
import { manifestIn, MANIFEST } from "../../compiler/output/manifest";
import { tempFleet, tenantSource } from "../helpers/fleet";
import { tenantArgoObjects, tenantObjects } from "../../compiler/render/tenant";
import { tutorConfig } from "../../compiler/render/tutor-config";
import { toYaml } from "../../compiler/render/yaml";

test("uuidV5 gives RFC 4122 version-5 UUIDs (values from Python's uuid.uuid5)", () => {
  assert.is(uuidV5("www.example.com", "6ba7b810-9dad-11d1-80b4-00c04fd430c8"), "2ed6657d-e927-568b-95e1-2665a8aea6a2");
  assert.is(uuidV5("meilisearch-api-key:acme"), "9e89b315-ef02-5d0c-a00e-ab1a4c9f94f0");
  assert.is(uuidV5("meilisearch-api-key:école"), "33f4ccbb-61cb-5eee-b0ca-d72fb52a3249");
  // the project's namespace is copied, never extended: the same name twice gives the same UUID
  assert.is(uuidV5("meilisearch-api-key:acme"), uuidV5("meilisearch-api-key:acme"));
});

test("sortObjects: kind order, unknown kinds after known ones by name, then namespace, then name; ties keep their order", () => {
  const o = (kind: string, name: string, namespace?: string, tag = ""): KubeObject => ({ apiVersion: "v1", kind, metadata: { name, ...(namespace ? { namespace } : {}), labels: { tag } } });
  const input = [o("Zebra", "a"), o("Deployment", "b", "t"), o("Alpaca", "a"), o("Namespace", "t"), o("Deployment", "a", "t"), o("Deployment", "z"), o("Deployment", "a", "t", "second")];
  const out = sortObjects(input).map((x) => `${x.kind}/${x.metadata.namespace ?? ""}/${x.metadata.name}${x.metadata.labels!.tag}`);
  assert.equal(out, ["Namespace//t", "Deployment//z", "Deployment/t/a", "Deployment/t/asecond", "Deployment/t/b", "Alpaca//a", "Zebra//a"]);
  assert.is(input[0]!.kind, "Zebra", "the input is left as it was");
});

const own: Target = { repo: "https://git.example.org/fleet.git", server: "https://kubernetes.default.svc", namespace: "acme", group: "apps", kind: "Deployment", clusterScoped: false };
const spec = (blacklist: ProjectSpec["namespaceResourceBlacklist"]): ProjectSpec => ({
  sourceRepos: [own.repo],
  destinations: [{ server: own.server, namespace: "acme" }, { server: "!https://other.invalid", namespace: "*" }],
  clusterResourceWhitelist: [{ group: "", kind: "Namespace" }],
  namespaceResourceBlacklist: blacklist,
});
const probes: Partial<Target>[] = [
  {},
  { repo: "https://example.invalid/other.git" },
  { server: "https://other.invalid" },
  { namespace: "globex" },
  { namespace: "", group: "", kind: "Namespace", clusterScoped: true },
  { namespace: "", group: "rbac.authorization.k8s.io", kind: "ClusterRole", clusterScoped: true },
  ...namespaceResourceBlacklist().map((k) => ({ group: k.group, kind: k.kind === "*" ? "AnyKind" : k.kind })),
  { group: "", kind: "ConfigMap" },
];

test("projectPermits is its place and its kind, and a frozen blacklist's kept verdicts match a fresh list's", () => {
  const frozen = spec(namespaceResourceBlacklist());
  const fresh = spec(namespaceResourceBlacklist().map((k) => ({ ...k })));
  assert.ok(Object.isFrozen(frozen.namespaceResourceBlacklist) && !Object.isFrozen(fresh.namespaceResourceBlacklist));
  for (let round = 0; round < 2; round++) {
    for (const p of probes) {
      const t = { ...own, ...p };
      const verdict = projectPermits(frozen, t);
      assert.equal(verdict, projectPermits(fresh, t), JSON.stringify(p));
      const place = placePermitted(frozen, t);
      assert.equal(verdict, place.ok ? kindPermitted(frozen, t) : place, JSON.stringify(p));
    }
  }
  assert.ok(projectPermits(frozen, own).ok);
  assert.not.ok(projectPermits(frozen, { ...own, group: "networking.k8s.io", kind: "Ingress" }).ok);
});

test("a fleet index entry is built in canonical order: its text is the canonical text", () => {
  const root = tempFleet({
    examples: false,
    tenants: {
      plain: tenantSource("plain"),
      labelled: tenantSource("labelled", 'labels: { team: "blue", costCentre: "cc-7" }, services: { mysql: "dedicated", search: "dedicated" }, plugins: ["mfe", "forum"], state: "maintenance",').replace(
        'hosts: { lms: "labelled.example.org" }',
        'hosts: { lms: "labelled.example.org", extra: ["b.labelled.example.org", "a.labelled.example.org"] }',
      ),
      "half-labelled": tenantSource("half-labelled", 'labels: { costCentre: "cc-1" }, wave: 3,'),
    },
  });
  const { tenants } = build(root).model;
  assert.is(tenants.length, 3);
  for (const t of tenants) {
    const entry = fleetIndexEntry(t);
    assert.equal(Object.keys(entry), Object.keys(canonical(entry, INDEX_KEY_ORDER) as object), t.id);
    assert.is(indexEntryText(t), JSON.stringify(canonical(entry, INDEX_KEY_ORDER), null, 2).replaceAll("\n", "\n    "), t.id);
  }
});

test("the fleet index carries its manifest as a map: the very one its text gives", () => {
  const built = build(tempFleet({ tenants: { delta: tenantSource("delta") } }));
  const index = built.files.find((f) => f.path === MANIFEST)!;
  assert.ok(index.manifest);
  assert.equal([...index.manifest!], [...manifestIn(index.content)]);
  assert.is(index.manifest!.size, built.files.length - 1);
});

// every object (or list) reachable from `value` that is frozen, with where it was found
function frozenParts(value: unknown, at: string, out: Map<object, string>): Map<object, string> {
  if (value === null || typeof value !== "object") return out;
  if (Object.isFrozen(value) && !out.has(value)) out.set(value, at);
  for (const [k, v] of Object.entries(value)) frozenParts(v, `${at}.${k}`, out);
  return out;
}

test("parts the renderers share between tenants are deeply frozen, and written as an unshared copy would be", () => {
  const root = tempFleet({
    examples: false,
    tenants: {
      one: tenantSource("one"),
      two: tenantSource("two", 'plugins: ["mfe"],'),
      three: tenantSource("three", 'services: { mysql: "dedicated", search: "dedicated" }, state: "maintenance",'),
    },
  });
  const { tenants, platform } = build(root).model;
  assert.is(tenants.length, 3);
  const shared = new Map<object, number>();
  for (const t of tenants) {
    const { project, applications } = tenantArgoObjects(t, platform);
    const documents = [[project, ...applications], tenantObjects(t, platform)];
    for (const docs of documents) {
      // the writer reuses the text of frozen parts: the same bytes as the same objects, none of them frozen
      assert.is(toYaml(docs, { multi: true }), toYaml(structuredClone(docs), { multi: true }), t.id);
      for (const [part, at] of frozenParts(docs, t.id, new Map())) {
        shared.set(part, (shared.get(part) ?? 0) + 1);
        // frozen all the way down: a change anywhere in it fails instead of reaching the other tenants
        for (const [inner, innerAt] of frozenParts(part, at, new Map())) assert.ok(Object.isFrozen(inner), innerAt);
      }
    }
    assert.is(toYaml(tutorConfig(t)), toYaml(structuredClone(tutorConfig(t))), t.id);
  }
  assert.ok([...shared.values()].some((n) => n >= 3), "some parts are shared by every tenant");
});

test.run();
