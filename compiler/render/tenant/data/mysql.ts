// The tenant's database, user and grant on the shared MySQL (mariadb-operator CRs in the mysql namespace), and
// its scheduled backup. Every object keeps its data: removing the tenant never drops the database or user.
import { databaseBackups, S3_KEYS } from "../../../model/backups";
import { SHARED_SERVICES, tenantCredentialName } from "../../../model/data-services";
import { provisionedBy } from "../../../model/provisioning";
import type { ResolvedTenant } from "../../../model/resolve";
import type { Platform } from "../../../schema/platform";
import { tenantCredential, tenantStore } from "../../data/eso";
import { customResourceAnnotations } from "../../data/sync";
import { tenantLabels, type KubeObject } from "../../objects";

const API = "k8s.mariadb.com/v1alpha1";
/** Open edX runs many workers per site; the operator's default of 10 connections is far too few. */
const MAX_USER_CONNECTIONS = 200;

export function mysqlProvisioning(t: ResolvedTenant, platform: Platform): KubeObject[] {
  if (!provisionedBy(t).mysql) return [];
  const { namespace, name } = SHARED_SERVICES.mysql;
  const labels = tenantLabels(t, platform.fleet);
  const meta = { name: t.id, namespace, labels, annotations: customResourceAnnotations({ keepData: true }) };
  const mariaDbRef = { name, kind: t.cluster.components.mysql.external ? "ExternalMariaDB" : "MariaDB", waitForIt: true };
  // the operator re-checks SQL objects every 10h with jitter: a thousand tenants stay cheap
  const sql = { mariaDbRef, cleanupPolicy: "Skip" };
  const objects: KubeObject[] = [
    tenantStore(t.id, namespace, labels),
    tenantCredential(t.id, namespace, "mysqlPassword", labels),
    { apiVersion: API, kind: "Database", metadata: meta, spec: { ...sql, name: t.names.mysqlDatabase, characterSet: "utf8mb4", collate: "utf8mb4_unicode_ci" } },
    {
      apiVersion: API,
      kind: "User",
      metadata: meta,
      spec: { ...sql, name: t.names.mysqlUser, host: "%", maxUserConnections: MAX_USER_CONNECTIONS, passwordSecretKeyRef: { name: tenantCredentialName(t.id), key: "password" } },
    },
    {
      apiVersion: API,
      kind: "Grant",
      metadata: meta,
      spec: { ...sql, privileges: ["ALL PRIVILEGES"], database: t.names.mysqlDatabase, table: "*", username: t.names.mysqlUser, host: "%", grantOption: false },
    },
  ];
  const backups = databaseBackups(t.cluster.components);
  if (backups) objects.push({ apiVersion: API, kind: "Backup", metadata: meta, spec: mysqlBackupSpec(t, backups, mariaDbRef) });
  return objects;
}

function mysqlBackupSpec(t: ResolvedTenant, b: NonNullable<ReturnType<typeof databaseBackups>>, mariaDbRef: Record<string, unknown>): Record<string, unknown> {
  const url = new URL(b.endpointUrl);
  const creds = b.credentialsSecret
    ? { accessKeyIdSecretKeyRef: { name: b.credentialsSecret, key: S3_KEYS.accessKeyId }, secretAccessKeySecretKeyRef: { name: b.credentialsSecret, key: S3_KEYS.secretAccessKey } }
    : {};
  return {
    mariaDbRef,
    databases: [t.names.mysqlDatabase],
    schedule: { cron: b.schedule },
    maxRetention: `${b.retentionDays * 24}h`,
    compression: "gzip",
    storage: {
      s3: {
        bucket: b.bucket,
        endpoint: url.host,
        ...(b.region ? { region: b.region } : {}),
        prefix: `mysql/${t.id}`,
        tls: { enabled: url.protocol === "https:" },
        ...creds,
      },
    },
  };
}
