// No admin credential of a shared service reaches a tenant namespace: tenant-namespace objects (and the values
// of a tenant's dedicated services) name only the tenant's own Secrets, and what platform namespaces may read
// of a tenant is its own Secret and nothing else.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { MEILISEARCH_MASTER_KEY_SECRET, MONGODB_SYSTEM_USERS_SECRET, MYSQL_ROOT_SECRET, REDIS_ADMIN_SECRET } from "../../compiler/model/data-services";
import { compileWith, type Compiled, type Obj } from "./data-fleet";

const TENANTS = ["acme", "globex", "initech"];
const EXTERNAL_ADMIN = "managed-admin";
/** The example cluster's backup credentials (in velero, mysql and mongodb). */
const BACKUP_CREDENTIALS = "velero-credentials";
const ADMIN_SECRETS = [MYSQL_ROOT_SECRET, MONGODB_SYSTEM_USERS_SECRET, REDIS_ADMIN_SECRET, MEILISEARCH_MASTER_KEY_SECRET, EXTERNAL_ADMIN, BACKUP_CREDENTIALS];

const VARIANTS: Record<string, string> = {
  "in-cluster services with backups": "{}",
  "external MySQL and MongoDB with admin Secrets": `{ mysql: { external: { host: "db.example.org", adminSecret: "${EXTERNAL_ADMIN}" } }, mongodb: { external: { host: "mongo.example.org", adminSecret: "${EXTERNAL_ADMIN}" } } }`,
};

/** A key that refers to a Secret (secretKeyRef, secretRef, passwordSecretKeyRef, existing...Secret), not to a store or a key inside one. */
const isSecretRef = (k: string) => /secret/i.test(k) && !/store/i.test(k) && k !== "secretKey";

/** Every Secret name an object refers to, wherever the reference sits. */
function secretNames(value: unknown, key = ""): string[] {
  if (typeof value === "string") return isSecretRef(key) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap((v) => secretNames(v, key));
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => (isSecretRef(k) && v && typeof v === "object" && "name" in v ? [String((v as { name: unknown }).name), ...secretNames(v, k)] : secretNames(v, k)));
  }
  return [];
}

const tenantNamespaceObjects = (c: Compiled, ns: string): Obj[] => c.objects.filter((o) => o.metadata.namespace === ns || (o.kind === "Namespace" && o.metadata.name === ns));

for (const [name, components] of Object.entries(VARIANTS)) {
  test(`${name}: no tenant-namespace object names an admin Secret`, async () => {
    const c = await compileWith(components);
    for (const ns of TENANTS) {
      const objects = tenantNamespaceObjects(c, ns);
      assert.ok(objects.length > 1, ns);
      const text = JSON.stringify(objects);
      for (const admin of ADMIN_SECRETS) assert.not.ok(text.includes(`"${admin}"`), `${ns} names ${admin}`);
      // only the tenant's own Secrets: openedx-*, and <id>-* of its dedicated services
      for (const secret of secretNames(objects)) assert.ok(secret.startsWith("openedx-") || secret.startsWith(`${ns}-`), `${ns}: ${secret}`);
      const values = c.tree.get(`tenants/${ns}/values.yaml`) ?? "";
      for (const admin of ADMIN_SECRETS) assert.not.match(values, new RegExp(`(?<![\\w-])${admin}(?![\\w-])`), `${ns} values name ${admin}`);
    }
  });
}

test("a tenant namespace lets platform readers get its own Secret only; stores elsewhere read only that namespace", async () => {
  const c = await compileWith(VARIANTS["in-cluster services with backups"]!);
  for (const ns of TENANTS) {
    const role = c.objects.find((o) => o.kind === "Role" && o.metadata.namespace === ns)!;
    assert.equal(role.rules, [{ apiGroups: [""], resources: ["secrets"], resourceNames: ["openedx-secrets"], verbs: ["get"] }]);
    const binding = c.objects.find((o) => o.kind === "RoleBinding" && o.metadata.namespace === ns)!;
    for (const s of binding.subjects) assert.is(s.name, "tenant-secret-reader");
    // no other Role or binding in a tenant namespace hands out anything
    assert.is(c.objects.filter((o) => /Role/.test(o.kind) && o.metadata.namespace === ns).length, 2);
  }
  const storesReadingTenants = c.objects.filter((o) => o.kind === "SecretStore" && TENANTS.includes(o.spec.provider.kubernetes?.remoteNamespace));
  assert.ok(storesReadingTenants.length >= 6);
  for (const s of storesReadingTenants) {
    assert.is(s.metadata.name, `tenant-${s.spec.provider.kubernetes.remoteNamespace}`);
    assert.is(s.spec.provider.kubernetes.auth.serviceAccount.name, "tenant-secret-reader");
  }
});

test("a tenant's own Application may not create database operator objects (they could point at the shared server)", async () => {
  const c = await compileWith("{}");
  for (const ns of TENANTS) {
    const project = c.objects.find((o) => o.kind === "AppProject" && o.metadata.name === ns)!;
    for (const group of ["k8s.mariadb.com", "psmdb.percona.com"]) assert.ok(project.spec.namespaceResourceBlacklist.some((r: any) => r.group === group && r.kind === "*"), `${ns} ${group}`);
  }
});

test("cluster-wide search key stores serve one tenant namespace and one key", async () => {
  const c = await compileWith("{}");
  // (the platform's credentials store serves every tenant namespace, one key each: test/compiler/mail.test.ts)
  const stores = c.objects.filter((o) => o.kind === "ClusterSecretStore" && o.metadata.labels?.["fleet.openedx.org/tenant"]);
  assert.ok(stores.length > 0);
  for (const s of stores) {
    const tenant = s.metadata.labels!["fleet.openedx.org/tenant"]!;
    assert.equal(s.spec.conditions, [{ namespaces: [tenant] }]);
    assert.match(s.spec.provider.webhook.url, /\/keys\/[0-9a-f-]{36}$/);
  }
});

test.run();
