// Names derived from tenant ids, read under each downstream system's rules: escapes, reaches, collisions.
import fs from "node:fs";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { COOKIES, DNS, MEILISEARCH, MONGODB, MYSQL, overlaps, REDIS } from "../../compiler/model/downstream-names";
import { tenantNames } from "../../compiler/model/names";
import type { ResolvedTenant } from "../../compiler/model/resolve";
import { nameCollisions } from "../../compiler/fleet/name-collisions";
import { matchesNamespace, reservedReason, SYSTEM_NAMESPACES } from "../../compiler/fleet/reserved-ids";
import { SHARED_SERVICES } from "../../compiler/model/data-services";
import { COMPONENTS } from "../../compiler/render/platform/registry";
import { PlatformSchema } from "../../compiler/schema/platform";
import { run, tempFleet, tenantSource } from "../helpers/fleet";

test("MySQL: a grant's `_` and `%` are escaped, so it reaches its own database only", () => {
  assert.is(MYSQL.grantDatabase("ac_e"), "ac\\_e");
  assert.is(MYSQL.grantDatabase("a%b\\c"), "a\\%b\\\\c");
  // what MariaDB made of these grants (checked by hand on MariaDB 10.11): `ac_e` also opens `acme`, `ac\_e` does not
  assert.ok(overlaps(MYSQL.grantReach("ac_e"), { prefix: "acme", exact: true }));
  assert.not.ok(overlaps(MYSQL.grantReach("ac\\_e"), { prefix: "acme", exact: true }));
  assert.equal(MYSQL.grantReach("ac\\_e"), { prefix: "ac_e", exact: true });
  assert.is(tenantNames("ac-e").mysqlGrantDatabase, "ac\\_e");
});

test("Redis: ACL globs escape the glob specials, and one tenant's glob never reaches another's keys", () => {
  assert.is(REDIS.pattern("a*b?[c]\\:"), "a\\*b\\?\\[c\\]\\\\:*");
  assert.equal(REDIS.reach(REDIS.pattern("a*b:")), { prefix: "a*b:", exact: false });
  assert.is(tenantNames("acme").redisKeyPattern, "acme:*");
  assert.not.ok(overlaps(REDIS.reach(tenantNames("ac").redisKeyPattern), REDIS.reach(tenantNames("acme").redisKeyPattern)));
  assert.not.ok(overlaps(REDIS.reach(tenantNames("acme").redisKeyPattern), REDIS.reach(tenantNames("acme-x").redisKeyPattern)));
});

test("Meilisearch: a key's index pattern is a prefix; `acme_*` reaches `acme-x`'s indexes, `ac_*` does not reach acme's", () => {
  const reach = (id: string) => MEILISEARCH.reach(tenantNames(id).searchIndexPattern);
  assert.ok(overlaps(reach("acme"), reach("acme-x")));
  assert.not.ok(overlaps(reach("ac"), reach("acme")));
  assert.not.ok(overlaps(reach("ac-e"), reach("acme")));
  assert.ok(MEILISEARCH.validIndexUid(`${tenantNames("a-b").searchIndexPrefix}course_info`));
});

test("MongoDB: restore namespaces escape `*`; system databases are known", () => {
  assert.is(MONGODB.restoreNamespace("ac_e"), "ac_e.*");
  assert.is(MONGODB.restoreNamespace("a*b"), "a\\*b.*");
  assert.ok(MONGODB.reserved.has("admin"));
});

test("DNS and cookies compare whole labels", () => {
  assert.ok(DNS.atOrUnder("evil.learn.acme.example.org", "learn.acme.example.org"));
  assert.ok(DNS.atOrUnder("acme.example.org", "acme.example.org"));
  assert.not.ok(DNS.atOrUnder("notacme.example.org", "acme.example.org"));
  assert.equal(DNS.parents("a.b.c"), ["b.c", "c"]);
  assert.equal(COOKIES.scopes({ lms: "l.x", cms: "c.x" }), ["l.x", "c.x"]);
});

// minimal resolved tenants: the collision check reads ids, names and the cluster
const tenant = (id: string, names: Partial<ReturnType<typeof tenantNames>> = {}) =>
  ({ id, names: { ...tenantNames(id), ...names }, cluster: { name: "main" }, services: { mysql: "shared", mongodb: "shared", redis: "shared", search: "shared" } }) as unknown as ResolvedTenant;
const at = (t: ResolvedTenant) => ({ file: `tenants/${t.id}.ts`, line: 3, col: 7 });

test("collisions are found under each system's rules, not by equal strings", () => {
  assert.equal(nameCollisions([tenant("acme"), tenant("ac-e"), tenant("acm"), tenant("globex")], at), []);
  // `ac_*` reaches `ac_e_*`: the Meilisearch pattern is the only name of `ac` that meets `ac-e`'s
  assert.equal(nameCollisions([tenant("ac"), tenant("ac-e")], at).map((d) => d.message.split(":")[0]), ["Meilisearch", "Meilisearch"]);
  const search = nameCollisions([tenant("acme"), tenant("acme-x")], at);
  assert.is(search.length, 2);
  assert.match(search[0]!.message, /Meilisearch/);
  // an unescaped grant (what was rendered before) is caught: `ac_e` reaches acme's database
  const grant = nameCollisions([tenant("acme"), tenant("ac-e", { mysqlGrantDatabase: "ac_e" })], at);
  assert.ok(grant.some((d) => d.file === "tenants/ac-e.ts" && /MySQL: tenant "ac-e"'s grant on database "ac_e" and tenant "acme"'s database "acme"/.test(d.message)), JSON.stringify(grant));
});

test("in a large fleet only the overlapping pair is reported", () => {
  const many = [...Array.from({ length: 2000 }, (_, i) => tenant(`t${i}x`)), tenant("t7x-a")];
  assert.equal(nameCollisions(many, at).map((d) => d.file).sort(), ["tenants/t7x-a.ts", "tenants/t7x.ts"]);
});

test("the rendered Grant of a hyphenated id carries the escaped database", async () => {
  const root = tempFleet({ examples: false, tenants: { "ac-e": tenantSource("ac-e") } });
  const r = await run(root, "compile");
  assert.is(r.code, 0, r.err);
  const dir = path.join(root, "generated", "tenants", "ac-e");
  const files = fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith(".yaml"));
  const grant = files.map((f) => fs.readFileSync(path.join(dir, f), "utf8")).find((t) => t.includes("kind: Grant"));
  assert.ok(grant, files.join(", "));
  assert.match(grant!, /database: ac\\_e\n/);
  assert.match(grant!, /username: ac_e\n/);
});

test("every namespace a platform component or shared service uses is a reserved id", () => {
  const platform = PlatformSchema.parse({
    fleet: "f",
    repo: { url: "u" },
    argocd: { namespace: "gitops" },
    clusters: { main: { provider: "local", capacity: { cpu: "1", memory: "1Gi" }, egress: {} } },
    acmeEmail: "a@example.org",
    releases: {},
    sizes: {},
    reservedNamespaces: ["ops", "lab-*"],
  });
  const namespaces = [...COMPONENTS.map((c) => c.namespace), ...Object.values(SHARED_SERVICES).map((s) => s.namespace), "gitops", "ops", "lab-1"];
  for (const ns of namespaces) assert.ok(reservedReason(ns, platform), ns);
  for (const ns of ["istio-system", "openshift-ingress", "cattle-fleet-system", "kube-flannel", "local-path-storage"]) assert.ok(reservedReason(ns, platform), ns);
  for (const id of ["acme", "lab", "opsx", "kubex", "globex"]) assert.is(reservedReason(id, platform), undefined, id);
  // the first pattern in the list decides the reason, whatever the lookup does to be fast
  const reasonOf = (id: string) => reservedReason(id, platform);
  assert.match(reasonOf("kube-system")!, "Kubernetes");
  const ordered = PlatformSchema.parse({ ...platform, reservedNamespaces: ["cattle-*", "acme"] });
  assert.match(reservedReason("cattle-x", ordered)!, "reservedNamespaces"); // listed before Rancher's cattle-*
  assert.match(reservedReason("cattle-x", platform)!, "Rancher");
  for (const id of SYSTEM_NAMESPACES.map(([p]) => p.replace("*", "x"))) {
    const first = SYSTEM_NAMESPACES.find(([p]) => matchesNamespace(p, id))!;
    const reason = reasonOf(id)!;
    if (!reason.includes("platform component") && !reason.includes("Argo CD") && !reason.includes("credentials")) assert.ok(reason.includes(first[1]), `${id}: ${reason}`);
  }
});

test.run();
