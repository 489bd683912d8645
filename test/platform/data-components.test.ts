// The data components' toggles and external endpoints, and every object they produce (in every variant)
// against the strict schemas.
import fs from "node:fs";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import YAML from "yaml";
import { findSchemaDir } from "../../compiler/validate/kube-schemas";
import { strictValidator } from "../helpers/schemas";
import { REPO_ROOT, run, tempFleet, tenantSource } from "../helpers/fleet";
import { componentAppFile, platformProjectOf, platformWith } from "../helpers/platform";
import { compileWith, find, tenantObjects, type Compiled, type Obj } from "./data-fleet";

const config = (c: Compiled, id: string) => YAML.parse(c.tree.get(`tenants/${id}/config.yml`)!);
const paths = (c: Compiled, needle: string) => [...c.tree.keys()].filter((p) => p.includes(needle));

// `provisioning`: the tenant's objects on the shared service (in its namespace, or its search key)
const OFF: Record<string, { component: string; apps: string[]; provisioning: (o: Obj) => boolean }> = {
  mysql: { component: "mysql", apps: ["mariadb-operator", "mysql"], provisioning: (o) => o.metadata.namespace === "mysql" || o.apiVersion.startsWith("k8s.mariadb.com/") },
  mongodb: { component: "mongodb", apps: ["psmdb-operator", "mongodb"], provisioning: (o) => o.metadata.namespace === "mongodb" },
  redis: { component: "redis", apps: ["redis"], provisioning: (o) => o.metadata.namespace === "redis" },
  search: { component: "search", apps: ["meilisearch"], provisioning: (o) => o.metadata.namespace === "meilisearch" || /^(search-key-|openedx-search-key)/.test(o.metadata.name) },
};
let allOn: Promise<Compiled> | undefined;
const readers = (c: Compiled, id: string) =>
  (tenantObjects(c, id).find((o) => o.kind === "RoleBinding" && o.metadata.name === "platform-secret-reader")?.subjects ?? []).map((s: { namespace: string }) => s.namespace);

test("with every data component on, each has its Application", async () => {
  const c = await compileWith("{}");
  for (const { apps } of Object.values(OFF)) for (const app of apps) assert.ok(c.tree.has(componentAppFile(app)), app);
  // Argo CD may pull their charts: the platform project lists the repositories
  const repos = platformProjectOf(c.tree).spec.sourceRepos;
  for (const r of ["https://helm.mariadb.com/mariadb-operator", "https://percona.github.io/percona-helm-charts/", "https://valkey.io/valkey-helm/", "https://meilisearch.github.io/meilisearch-kubernetes"]) assert.ok(repos.includes(r), r);
});

for (const [name, { component, apps, provisioning }] of Object.entries(OFF)) {
  test(`${name} off: no Application, no platform files, no per-tenant provisioning for shared tenants`, async () => {
    const c = await compileWith(`{ ${component}: { enabled: false } }`);
    for (const app of apps) {
      assert.not.ok(c.tree.has(componentAppFile(app)), app);
      assert.equal(paths(c, `platform/${app}/`), [], app);
    }
    const on = await (allOn ??= compileWith("{}"));
    assert.ok(tenantObjects(on, "acme").some(provisioning), `${name} on: the tenant is provisioned`);
    assert.not.ok(tenantObjects(c, "acme").some(provisioning));
    if (name !== "search") assert.not.ok(readers(c, "acme").includes(name));
  });
}

test("a tenant on a shared service that its cluster turned off gets a warning at its services field", async () => {
  const root = tempFleet({ platform: platformWith("{ redis: { enabled: false } }") });
  const r = await run(root, "compile");
  assert.is(r.code, 0, r.err);
  assert.match(r.err, /tenants\/globex\.ts:\d+:\d+ warning services\.redis: shared redis is off on cluster "main": nothing the platform deploys answers this tenant's redis \[shared-service-off\]\n    fix: set `services: \{ redis: "dedicated" \}`/);
  assert.match(r.err, /tenants\/acme\.ts:\d+:\d+ warning services\.redis/);
  assert.not.match(r.err, /tenants\/initech\.ts/, "initech's redis is dedicated");
  const ext = await run(tempFleet({ platform: platformWith('{ redis: { enabled: false, external: { host: "r.example.org" } } }') }), "compile");
  assert.not.match(ext.err, /shared-service-off/);
});

test("a dedicated MySQL on a cluster without mariadb-operator gets a warning at the tenant's services field", async () => {
  const r = await run(tempFleet({ platform: platformWith("{ mysql: { enabled: false } }") }), "compile");
  assert.is(r.code, 0, r.err);
  assert.match(r.err, /tenants\/initech\.ts:\d+:\d+ warning services\.mysql: a dedicated mysql needs its operator, and `components\.mysql` is off on cluster "main" \[dedicated-without-operator\]/);
});

test("external MySQL with an admin Secret: an ExternalMariaDB, tenants' objects point at it, config.yml at the endpoint", async () => {
  const c = await compileWith('{ mysql: { external: { host: "mysql.managed.example.org", adminUser: "doadmin", adminSecret: "managed-mysql" } } }');
  const ext = find(c, "ExternalMariaDB", "mysql", "mysql")!;
  assert.equal(ext.spec, { host: "mysql.managed.example.org", port: 3306, username: "doadmin", passwordSecretKeyRef: { name: "managed-mysql", key: "password" } });
  assert.not.ok(find(c, "MariaDB", "mysql", "mysql"));
  assert.is(find(c, "User", "mysql", "acme")!.spec.mariaDbRef.kind, "ExternalMariaDB");
  assert.is(config(c, "acme").MYSQL_HOST, "mysql.managed.example.org");
  assert.is(config(c, "initech").MYSQL_HOST, "initech-mysql.initech.svc.cluster.local", "dedicated stays dedicated");
});

test("external MySQL without an admin Secret: nothing is provisioned per tenant", async () => {
  const c = await compileWith('{ mysql: { external: { host: "mysql.managed.example.org", port: 25060 } } }');
  assert.not.ok(c.objects.some((o) => o.kind === "ExternalMariaDB" || o.kind === "MariaDB"));
  assert.not.ok(tenantObjects(c, "acme").some(OFF.mysql!.provisioning));
  assert.is(config(c, "acme").MYSQL_PORT, 25060);
});

test("external MongoDB (Atlas-like): no in-cluster replica set; config.yml has its host, replica set and TLS", async () => {
  const c = await compileWith('{ mongodb: { external: { host: "cluster0.abcde.mongodb.net", replicaSet: "atlas-xyz-shard-0", useSsl: true } } }');
  assert.not.ok(c.objects.some((o) => o.kind === "PerconaServerMongoDB"));
  assert.not.ok(tenantObjects(c, "acme").some(OFF.mongodb!.provisioning));
  const cfg = config(c, "acme");
  assert.equal([cfg.MONGODB_HOST, cfg.MONGODB_PORT, cfg.MONGODB_REPLICA_SET, cfg.MONGODB_USE_SSL], ["cluster0.abcde.mongodb.net", 27017, "atlas-xyz-shard-0", true]);
  const withAdmin = await compileWith('{ mongodb: { external: { host: "mongo.example.org", adminSecret: "mongo-admin" } } }');
  const job = find(withAdmin, "Job", "mongodb", "mongodb-user-acme")!;
  const env = Object.fromEntries(job.spec.template.spec.containers[0].env.map((e: any) => [e.name, e.value ?? e.valueFrom.secretKeyRef.name]));
  assert.equal([env.MONGODB_URI, env.ADMIN_USER, env.ADMIN_PASSWORD], ["mongodb://mongo.example.org:27017/", "admin", "mongo-admin"]);
});

test("external Redis: no in-cluster Valkey and no ACL entries; config.yml has its endpoint", async () => {
  const c = await compileWith('{ redis: { external: { host: "redis.managed.example.org", port: 25061 } } }');
  assert.not.ok(c.tree.has(componentAppFile("redis")));
  assert.not.ok(tenantObjects(c, "acme").some(OFF.redis!.provisioning));
  assert.equal([config(c, "acme").REDIS_HOST, config(c, "acme").REDIS_PORT], ["redis.managed.example.org", 25061]);
});

test("a cluster may use an external service while the platform default stays in-cluster", async () => {
  const eu = `    eu: { provider: "generic", server: "https://eu.example.org", capacity: { cpu: "8", memory: "32Gi" }, components: { mysql: { external: { host: "eu-db.example.org", adminSecret: "eu-db" } } } },\n`;
  const c = await compileWith("{}", { euro: tenantSource("euro", 'cluster: "eu",') }, eu);
  assert.ok(find(c, "MariaDB", "mysql", "mysql"));
  assert.is(config(c, "euro").MYSQL_HOST, "eu-db.example.org");
  assert.is(config(c, "acme").MYSQL_HOST, "mysql.mysql.svc.cluster.local");
});

test("tuning: instance fields merge over the generated spec, values over the chart's, sizes and storage class apply", async () => {
  const c = await compileWith(
    '{ mysql: { storageSize: "200Gi", instance: { replicas: 3, galera: { enabled: true } } }, mongodb: { instance: { replsets: [{ name: "rs0", size: 5 }] } }, redis: { values: { resources: { limits: { memory: "8Gi" } } } } }',
    {},
    "",
  );
  const mariadb = find(c, "MariaDB", "mysql", "mysql")!.spec;
  assert.equal([mariadb.replicas, mariadb.galera, mariadb.storage.size, mariadb.port], [3, { enabled: true }, "200Gi", 3306]);
  assert.equal(find(c, "PerconaServerMongoDB", "mongodb", "mongodb")!.spec.replsets, [{ name: "rs0", size: 5 }], "lists replace");
  const redis = c.yaml("platform/redis/main/values.yaml");
  assert.equal(redis.resources, { requests: { cpu: "250m", memory: "1Gi" }, limits: { memory: "8Gi" } });
  assert.is(redis.fullnameOverride, "redis");
});

test("data services without External Secrets: an error at the setting, naming what to turn off, and nothing written", async () => {
  const root = tempFleet({ platform: platformWith("{ externalSecrets: { enabled: false }, mongodb: { enabled: false } }") });
  const r = await run(root, "compile");
  assert.is(r.code, 1);
  assert.match(r.err, /platform\/platform\.ts:\d+:\d+ error components\.externalSecrets: mysql, redis, search on cluster "main" need External Secrets, which is off.* \[data-external-secrets\]\n    fix: turn externalSecrets back on, or turn `mysql`, `redis`, `search` off/);
  assert.not.ok(fs.existsSync(path.join(root, "generated")));
});

test("on the local profile the MongoDB replica set has one member, allowed explicitly", async () => {
  const local = platformWith("{}").replace('provider: "generic"', 'provider: "local"');
  const root = tempFleet({ platform: local });
  assert.is((await run(root, "compile")).code, 0);
  const psmdb = YAML.parseAllDocuments(fs.readFileSync(path.join(root, "generated/platform/mongodb/main/objects.yaml"), "utf8"))
    .map((d) => d.toJS())
    .find((o) => o.kind === "PerconaServerMongoDB");
  assert.equal([psmdb.spec.replsets[0].size, psmdb.spec.unsafeFlags], [1, { replsetSize: true }]);
  assert.is(find(await compileWith("{}"), "PerconaServerMongoDB", "mongodb", "mongodb")!.spec.replsets[0].size, 3);
});

const schemaDir = findSchemaDir(REPO_ROOT);
const VARIANTS = [
  "{}",
  '{ backups: { storage: { bucket: "b", endpoint: "https://fra1.digitaloceanspaces.com", credentialsSecret: "spaces" } } }',
  '{ mysql: { external: { host: "db.example.org", adminSecret: "a" } }, mongodb: { external: { host: "m.example.org", adminSecret: "a" } }, redis: { external: { host: "r.example.org" } } }',
];
// without the schema folder (FLEET_SCHEMAS, or shared/ beside the repository): skipped, and counted so
(schemaDir ? test : test.skip)("every object of every data variant validates against the strict schemas", async () => {
  const validator = strictValidator(schemaDir!);
  const problems: string[] = [];
  for (const v of VARIANTS) {
    const c = await compileWith(v, { zeta: tenantSource("zeta", 'services: { mongodb: "dedicated", mysql: "dedicated", redis: "dedicated", search: "dedicated" },') });
    for (const o of c.objects) {
      const verdict = validator.validate(o);
      if ("missing" in verdict) problems.push(`${v} ${c.fileOf.get(o)} ${o.kind}: no schema`);
      else for (const e of verdict.errors) problems.push(`${v} ${c.fileOf.get(o)} ${o.kind}/${o.metadata.name} ${e.path}: ${e.message}`);
    }
  }
  assert.equal(problems, []);
});

(schemaDir ? test : test.skip)("dedicated MySQL values make a valid MariaDB as the mariadb-cluster chart renders it (spec = values.mariadb)", async () => {
  const values = (await compileWith("{}")).yaml("tenants/initech/values.yaml").mysql;
  const verdict = strictValidator(schemaDir!).validate({ apiVersion: "k8s.mariadb.com/v1alpha1", kind: "MariaDB", metadata: { name: values.fullnameOverride, namespace: "initech" }, spec: values.mariadb });
  assert.equal("errors" in verdict ? verdict.errors : ["missing"], []);
});

test.run();
