// The tenant's database, user and grant as mariadb-operator CRs, on the shared MySQL (in the mysql namespace,
// with a scheduled backup) or on its dedicated one. Removing the tenant never drops the database or user.
import { databaseBackups, S3_KEYS } from "../../../model/backups";
import { SHARED_SERVICES, tenantCredentialName } from "../../../model/data-services";
import { provisionedBy } from "../../../model/provisioning";
import type { ResolvedTenant } from "../../../model/resolve";
import { TENANT_SECRET, TENANT_SECRET_KEYS } from "../../../model/secrets";
import type { Platform } from "../../../schema/platform";
import { tenantCredential, tenantStore } from "../../data/eso";
import { customResourceAnnotations } from "../../data/sync";
import { deepFreeze, tenantLabels, type KubeObject } from "../../objects";

const API = "k8s.mariadb.com/v1alpha1";
/** Open edX runs many workers per site; the operator's default of 10 connections is far too few. */
const MAX_USER_CONNECTIONS = 200;

/**
 * Where the tenant's SQL objects go and what they point at: the shared server (objects in its namespace, the
 * password copied there), or the tenant's dedicated one (objects beside it, the tenant's own Secret).
 */
function target(t: ResolvedTenant): { namespace: string; mariaDbRef: Record<string, unknown>; password: { name: string; key: string } } | undefined {
  if (t.services.mysql === "dedicated") {
    if (!t.cluster.components.mysql.enabled) return undefined;
    const ns = t.names.namespace;
    return { namespace: ns, mariaDbRef: { name: t.names.helmRelease("mysql"), namespace: ns, kind: "MariaDB", waitForIt: true }, password: { name: TENANT_SECRET, key: TENANT_SECRET_KEYS.mysqlPassword } };
  }
  if (!provisionedBy(t).mysql) return undefined;
  const { namespace } = SHARED_SERVICES.mysql;
  const kind = t.cluster.components.mysql.external ? "ExternalMariaDB" : "MariaDB";
  return { namespace, mariaDbRef: SHARED_REFS[kind], password: { name: tenantCredentialName(t.id), key: "password" } };
}

// the shared server's reference, the same in every tenant's objects (written, never changed)
const SHARED_REFS = deepFreeze({
  MariaDB: { name: SHARED_SERVICES.mysql.name, kind: "MariaDB", waitForIt: true },
  ExternalMariaDB: { name: SHARED_SERVICES.mysql.name, kind: "ExternalMariaDB", waitForIt: true },
});

export function mysqlProvisioning(t: ResolvedTenant, platform: Platform): KubeObject[] {
  const to = target(t);
  if (!to) return [];
  const labels = tenantLabels(t, platform.fleet);
  // one metadata for its three or four objects: frozen, its text is written once
  const meta = deepFreeze({ name: t.id, namespace: to.namespace, labels, annotations: customResourceAnnotations({ keepData: true }) });
  // the operator re-checks SQL objects every 10h with jitter: a thousand tenants stay cheap
  // (each spec spells out these two shared fields: no spread per object)
  const mariaDbRef = to.mariaDbRef;
  const cleanupPolicy = "Skip";
  const objects: KubeObject[] = [
    { apiVersion: API, kind: "Database", metadata: meta, spec: { mariaDbRef, cleanupPolicy, name: t.names.mysqlDatabase, characterSet: "utf8mb4", collate: "utf8mb4_unicode_ci" } },
    {
      apiVersion: API,
      kind: "User",
      metadata: meta,
      spec: { mariaDbRef, cleanupPolicy, name: t.names.mysqlUser, host: "%", maxUserConnections: MAX_USER_CONNECTIONS, passwordSecretKeyRef: to.password },
    },
    {
      apiVersion: API,
      kind: "Grant",
      metadata: meta,
      spec: { mariaDbRef, cleanupPolicy, privileges: ["ALL PRIVILEGES"], database: t.names.mysqlGrantDatabase, table: "*", username: t.names.mysqlUser, host: "%", grantOption: false },
    },
  ];
  if (t.services.mysql === "dedicated") return objects;
  objects.push(tenantStore(t.id, to.namespace, labels), tenantCredential(t.id, to.namespace, "mysqlPassword", labels));
  const backups = databaseBackups(t.cluster.components);
  if (backups) objects.push({ apiVersion: API, kind: "Backup", metadata: meta, spec: mysqlBackupSpec(t, backups, to.mariaDbRef) });
  return objects;
}

// one endpoint per cluster, parsed once, not once per tenant
const endpoints = new Map<string, { host: string; protocol: string; tls: { enabled: boolean } }>();
function endpointOf(endpointUrl: string): { host: string; protocol: string; tls: { enabled: boolean } } {
  let url = endpoints.get(endpointUrl);
  if (!url) {
    const { host, protocol } = new URL(endpointUrl);
    endpoints.set(endpointUrl, (url = { host, protocol, tls: deepFreeze({ enabled: protocol === "https:" }) }));
  }
  return url;
}

// the key references of each credentials Secret and each schedule, shared by every tenant's Backup
const keyRefs = new Map<string, Record<string, unknown>>();
function keyRefsOf(secret: string | undefined): Record<string, unknown> {
  const key = secret ?? "";
  let refs = keyRefs.get(key);
  if (!refs) {
    const made = secret ? { accessKeyIdSecretKeyRef: { name: secret, key: S3_KEYS.accessKeyId }, secretAccessKeySecretKeyRef: { name: secret, key: S3_KEYS.secretAccessKey } } : {};
    keyRefs.set(key, (refs = deepFreeze(made)));
  }
  return refs;
}
const schedules = new Map<string, { cron: string }>();
const scheduleOf = (cron: string) => {
  let s = schedules.get(cron);
  if (!s) schedules.set(cron, (s = deepFreeze({ cron })));
  return s;
};

function mysqlBackupSpec(t: ResolvedTenant, b: NonNullable<ReturnType<typeof databaseBackups>>, mariaDbRef: Record<string, unknown>): Record<string, unknown> {
  const url = endpointOf(b.endpointUrl);
  const creds = keyRefsOf(b.credentialsSecret);
  return {
    mariaDbRef,
    databases: [t.names.mysqlDatabase],
    schedule: scheduleOf(b.schedule),
    maxRetention: `${b.retentionDays * 24}h`,
    compression: "gzip",
    storage: {
      s3: {
        bucket: b.bucket,
        endpoint: url.host,
        ...(b.region ? { region: b.region } : {}),
        prefix: `mysql/${t.id}`,
        tls: url.tls,
        ...creds,
      },
    },
  };
}
