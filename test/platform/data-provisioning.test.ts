// Per-tenant provisioning on the shared services (acme), dedicated services (initech: mysql + redis, globex:
// search), what keeps data, and that the endpoints in config.yml match what is deployed.
import { test } from "uvu";
import * as assert from "uvu/assert";
import YAML from "yaml";
import { tenantSource } from "../helpers/fleet";
import { componentAppFile } from "../helpers/platform";
import { compileWith, find, kinds, tenantObjects, type Compiled } from "./data-fleet";

let fleet: Compiled;
// the example cluster `main` backs up to example-fleet-main-backups (eu-west-1) at 03:00, kept 30 days
const backups = "{ backups: { retentionDays: 14 } }";

test.before(async () => {
  fleet = await compileWith(backups, { omega: tenantSource("omega", 'state: "archived",') });
});

test("a shared tenant gets its database, user and grant, its Mongo user, its Redis ACL entry and its search key", () => {
  const acme = fleet.objects.filter((o) => fleet.fileOf.get(o)!.startsWith("tenants/acme/resources/") && o.metadata.namespace !== "acme" && o.kind !== "Namespace");
  assert.equal(kinds(acme), [
    "Backup/mysql/acme",
    "ClusterSecretStore//search-key-acme",
    "Database/mysql/acme",
    "ExternalSecret/mongodb/tenant-acme",
    "ExternalSecret/mysql/tenant-acme",
    "ExternalSecret/redis/tenant-acme",
    "Grant/mysql/acme",
    "Job/meilisearch/search-key-acme",
    "Job/mongodb/mongodb-user-acme",
    "SecretStore/mongodb/tenant-acme",
    "SecretStore/mysql/tenant-acme",
    "SecretStore/redis/tenant-acme",
    "User/mysql/acme",
  ]);
  const user = find(fleet, "User", "mysql", "acme")!;
  assert.equal(user.spec.passwordSecretKeyRef, { name: "tenant-acme", key: "password" });
  assert.is(user.spec.name, "acme");
  assert.equal(find(fleet, "Grant", "mysql", "acme")!.spec.privileges, ["ALL PRIVILEGES"]);
  assert.is(find(fleet, "Grant", "mysql", "acme")!.spec.database, "acme");
  const acl = find(fleet, "ExternalSecret", "redis", "tenant-acme")!.spec.target.template;
  assert.match(acl.data.acl, /^user acme on #\{\{ \.password \| sha256sum \}\} resetkeys ~acme:\* resetchannels &acme:\* /);
  const job = find(fleet, "Job", "mongodb", "mongodb-user-acme")!;
  const env = Object.fromEntries(job.spec.template.spec.containers[0].env.map((e: any) => [e.name, e.value ?? e.valueFrom.secretKeyRef]));
  assert.is(env.TENANT_DB, "acme");
  assert.equal(env.TENANT_PASSWORD, { name: "tenant-acme", key: "password" });
  assert.is(env.MONGODB_URI, "mongodb://mongodb-rs0.mongodb.svc.cluster.local:27017/?replicaSet=rs0");
});

test("the search key is restricted to the tenant's index prefix and carries the uid pinned in config.yml", () => {
  const config = YAML.parse(fleet.tree.get("tenants/acme/config.yml")!);
  const job = find(fleet, "Job", "meilisearch", "search-key-acme")!;
  const spec = JSON.parse(job.spec.template.spec.containers[0].env.find((e: any) => e.name === "KEY_SPEC").value);
  assert.is(spec.uid, config.MEILISEARCH_API_KEY_UID);
  assert.equal(spec.indexes, [`${config.MEILISEARCH_INDEX_PREFIX}*`]);
  // "*" or any keys.* action would let the tenant read every other tenant's key
  assert.not.ok(spec.actions.some((a: string) => a === "*" || a.startsWith("keys.")), spec.actions.join());
  const store = find(fleet, "ClusterSecretStore", undefined, "search-key-acme")!;
  assert.is(store.spec.provider.webhook.url, `${config.MEILISEARCH_URL}/keys/${spec.uid}`);
  assert.equal(store.spec.conditions, [{ namespaces: ["acme"] }]);
  const key = find(fleet, "ExternalSecret", "acme", "openedx-search-key")!;
  assert.equal(key.spec.data, [{ secretKey: "MEILISEARCH_API_KEY", remoteRef: { key: spec.uid } }]);
});

test("provisioning objects keep their data: Argo CD never deletes them and the operator never drops", () => {
  for (const kind of ["Database", "User", "Grant", "Backup"]) {
    const o = find(fleet, kind, "mysql", "acme")!;
    assert.ok(o.metadata.annotations?.["argocd.argoproj.io/sync-options"]?.split(",").includes("Delete=false"), kind);
    assert.ok(o.metadata.annotations?.["argocd.argoproj.io/sync-options"]?.split(",").includes("Prune=confirm"), kind);
    if (kind !== "Backup") assert.is(o.spec.cleanupPolicy, "Skip", kind);
  }
  for (const [kind, ns] of [["MariaDB", "mysql"], ["PerconaServerMongoDB", "mongodb"]] as const) {
    assert.ok(find(fleet, kind, ns, ns)!.metadata.annotations?.["argocd.argoproj.io/sync-options"]?.includes("Prune=confirm"), kind);
  }
  for (const app of ["mysql", "mongodb", "redis", "meilisearch", "mariadb-operator", "psmdb-operator"]) {
    const a = fleet.yaml(componentAppFile(app));
    assert.is(a.metadata.finalizers, undefined, `platform-${app} must not cascade`);
  }
});

test("an archived tenant keeps its database and user provisioned", () => {
  assert.ok(find(fleet, "Database", "mysql", "omega"));
  assert.ok(find(fleet, "User", "mysql", "omega"));
});

test("per-tenant backups go to the platform's bucket on its schedule, each database under its own prefix", () => {
  const b = find(fleet, "Backup", "mysql", "acme")!.spec;
  assert.equal(b.databases, ["acme"]);
  assert.equal(b.schedule, { cron: "0 3 * * *" });
  assert.is(b.maxRetention, "720h", "the cluster's retention is nearer than the platform's");
  assert.equal(b.storage.s3, {
    bucket: "example-fleet-main-backups",
    endpoint: "s3.eu-west-1.amazonaws.com",
    region: "eu-west-1",
    prefix: "mysql/acme",
    tls: { enabled: true },
    accessKeyIdSecretKeyRef: { name: "velero-credentials", key: "AWS_ACCESS_KEY_ID" },
    secretAccessKeySecretKeyRef: { name: "velero-credentials", key: "AWS_SECRET_ACCESS_KEY" },
  });
  const psmdb = find(fleet, "PerconaServerMongoDB", "mongodb", "mongodb")!.spec.backup;
  assert.ok(psmdb.enabled);
  assert.equal(psmdb.tasks[0].schedule, "0 3 * * *");
  assert.is(psmdb.tasks[0].retention.count, 30);
  assert.is(psmdb.storages.s3.s3.credentialsSecret, "velero-credentials");
});

test("dedicated mysql and redis (initech): no shared provisioning, an umbrella chart and values in the tenant's folder", () => {
  assert.not.ok(find(fleet, "Database", "mysql", "initech"));
  assert.not.ok(tenantObjects(fleet, "initech").some((o) => o.metadata.namespace === "redis"));
  assert.ok(find(fleet, "Job", "mongodb", "mongodb-user-initech"), "mongodb stays shared");
  const values = fleet.yaml("tenants/initech/values.yaml");
  assert.equal(Object.keys(values), ["mysql", "redis"]);
  assert.is(values.mysql.fullnameOverride, "initech-mysql");
  assert.is(values.mysql.users, undefined, "SQL objects are the tenant's own, not the chart's");
  // database, user and grant beside the dedicated server, on the tenant's own Secret
  const user = find(fleet, "User", "initech", "initech")!;
  assert.equal(user.spec.mariaDbRef, { name: "initech-mysql", namespace: "initech", kind: "MariaDB", waitForIt: true });
  assert.equal(user.spec.passwordSecretKeyRef, { name: "openedx-secrets", key: "OPENEDX_MYSQL_PASSWORD" });
  assert.is(user.spec.cleanupPolicy, "Skip");
  assert.ok(find(fleet, "Database", "initech", "initech") && find(fleet, "Grant", "initech", "initech"));
  assert.not.ok(find(fleet, "SecretStore", "mysql", "tenant-initech"), "nothing to copy to a shared namespace");
  assert.is(values.redis.auth.usersExistingSecret, "openedx-secrets");
  assert.is(values.redis.auth.aclUsers.initech.passwordKey, "REDIS_PASSWORD");
  assert.equal(Object.keys(values.redis.auth.aclUsers).sort(), ["default", "initech"], "the chart refuses ACL users without `default`");
  assert.match(values.redis.auth.aclUsers.default.permissions, /-@all \+ping$/);
  const chart = fleet.yaml("tenants/initech/services/Chart.yaml");
  assert.equal(chart.dependencies.map((d: any) => `${d.alias}=${d.name}@${d.version}`), ["mysql=mariadb-cluster@26.6.0", "redis=valkey@0.11.0"]);
  const apps = YAML.parseAllDocuments(fleet.tree.get("apps/initech.yaml")!).map((d) => d.toJS());
  const services = apps.find((a) => a.metadata.name === "initech--services");
  assert.is(services.spec.project, "platform");
  assert.is(services.metadata.finalizers, undefined);
  assert.equal(services.spec.source.helm.valueFiles, ["../values.yaml"]);
  assert.is(services.spec.source.path, "generated/tenants/initech/services");
  const config = YAML.parse(fleet.tree.get("tenants/initech/config.yml")!);
  assert.is(config.MYSQL_HOST, "initech-mysql.initech.svc.cluster.local");
  assert.is(config.REDIS_HOST, "initech-redis.initech.svc.cluster.local");
  assert.is(config.MONGODB_HOST, "mongodb-rs0.mongodb.svc.cluster.local");
});

test("dedicated search (globex): its own master key and key store in its namespace, no cluster-wide store", () => {
  assert.not.ok(find(fleet, "ClusterSecretStore", undefined, "search-key-globex"));
  const store = find(fleet, "SecretStore", "globex", "search-key-globex")!;
  assert.is(store.spec.provider.webhook.secrets[0].secretRef.name, "globex-meilisearch-master-key");
  assert.ok(find(fleet, "Password", "globex", "globex-meilisearch-master-key"));
  assert.ok(find(fleet, "Job", "globex", "search-key-globex"));
  const values = fleet.yaml("tenants/globex/values.yaml");
  assert.equal(Object.keys(values), ["search"]);
  assert.is(values.search.auth.existingMasterKeySecret, "globex-meilisearch-master-key");
  assert.is(YAML.parse(fleet.tree.get("tenants/globex/config.yml")!).MEILISEARCH_URL, "http://globex-meilisearch.globex.svc.cluster.local:7700");
});

test("config.yml points at the Services the deployed objects and charts create", () => {
  const svc = (name: string, ns: string) => `${name}.${ns}.svc.cluster.local`;
  const acme = YAML.parse(fleet.tree.get("tenants/acme/config.yml")!);
  const mariadb = find(fleet, "MariaDB", "mysql", "mysql")!;
  assert.is(acme.MYSQL_HOST, svc(mariadb.metadata.name, "mysql"));
  assert.is(acme.MYSQL_PORT, mariadb.spec.port);
  const psmdb = find(fleet, "PerconaServerMongoDB", "mongodb", "mongodb")!;
  assert.is(acme.MONGODB_HOST, svc(`${psmdb.metadata.name}-${psmdb.spec.replsets[0].name}`, "mongodb"));
  assert.is(acme.MONGODB_REPLICA_SET, psmdb.spec.replsets[0].name);
  assert.is(acme.REDIS_HOST, svc(fleet.yaml("platform/redis/main/values.yaml").fullnameOverride, "redis"));
  assert.is(acme.MEILISEARCH_URL, `http://${svc(fleet.yaml("platform/meilisearch/main/values.yaml").fullnameOverride, "meilisearch")}:7700`);
  assert.is(acme.MEILISEARCH_PUBLIC_URL, `https://${fleet.yaml("platform/meilisearch/main/values.yaml").ingress.hosts[0]}`);
  const initech = YAML.parse(fleet.tree.get("tenants/initech/config.yml")!);
  const values = fleet.yaml("tenants/initech/values.yaml");
  assert.is(initech.MYSQL_HOST, svc(values.mysql.fullnameOverride, "initech"));
  assert.is(initech.REDIS_HOST, svc(values.redis.fullnameOverride, "initech"));
  assert.is(initech.REDIS_USERNAME, Object.keys(values.redis.auth.aclUsers).find((u) => u !== "default"));
});

test("a tenant with no dedicated service has no values.yaml, Chart.yaml or services Application", () => {
  assert.not.ok(fleet.tree.has("tenants/acme/values.yaml"));
  assert.not.ok(fleet.tree.has("tenants/acme/services/Chart.yaml"));
  assert.not.ok(fleet.tree.get("apps/acme.yaml")!.includes("acme--services"));
});

test("object names stay Kubernetes names when SQL names hold '_' (tenant big-corp, dedicated MySQL)", async () => {
  const c = await compileWith("{}", { "big-corp": tenantSource("big-corp", 'services: { mysql: "dedicated" },') });
  const user = find(c, "User", "big-corp", "big-corp")!;
  assert.equal([user.spec.name, find(c, "Database", "big-corp", "big-corp")!.spec.name], ["big_corp", "big_corp"]);
  const shared = await compileWith("{}", { "big-corp": tenantSource("big-corp") });
  assert.is(find(shared, "User", "mysql", "big-corp")!.spec.name, "big_corp");
});

test("a dedicated MongoDB uses the tenant's own Secret and gets no user Job on the shared one", async () => {
  const c = await compileWith("{}", { zeta: tenantSource("zeta", 'services: { mongodb: "dedicated" },') });
  assert.not.ok(find(c, "Job", "mongodb", "mongodb-user-zeta"));
  const values = c.yaml("tenants/zeta/values.yaml");
  assert.equal(values.mongodb.users[0].passwordSecretRef, { name: "openedx-secrets", key: "MONGODB_PASSWORD" });
  assert.is(values.mongodb.sharding.enabled, false);
  const config = YAML.parse(c.tree.get("tenants/zeta/config.yml")!);
  assert.is(config.MONGODB_HOST, "zeta-mongodb-rs0.zeta.svc.cluster.local");
  assert.is(config.MONGODB_REPLICA_SET, "rs0");
});

test.run();
