// Restores of one tenant's database from its backups, as declarative objects (`npm run restore` prints them).
import { backupPolicy, databaseBackups } from "../../model/backups";
import { SHARED_SERVICES } from "../../model/data-services";
import type { ResolvedTenant } from "../../model/resolve";
import type { KubeObject } from "../objects";
import { BACKUP_STORAGE } from "../platform/components/mongodb";
import { scheduleName } from "../platform/components/velero";

import type { Restorable } from "./restorable";
export { RESTORABLE, type Restorable } from "./restorable";

export interface RestoreOptions {
  /** Restore the latest MySQL backup taken at or before this time (RFC 3339); the latest when omitted. */
  at?: string;
  /** The MongoDB backup to restore (`kubectl -n mongodb get psmdb-backup`): PBM names its backups itself. */
  backup?: string;
  /** Name of the Restore object, so a second restore of the same tenant is a new object. */
  name: string;
}

/** The Restore object, or why there is none to make. */
export function restoreObject(t: ResolvedTenant, service: Restorable, opts: RestoreOptions): KubeObject | string {
  const c = t.cluster.components;
  if (t.services[service] === "dedicated") {
    // the schedule kept shortest is the most frequent: its latest backup is the newest
    const kept = Object.entries(backupPolicy(c)?.schedules ?? {}).sort(([a, x], [b, y]) => x.keepHours - y.keepHours || (a < b ? -1 : 1));
    const schedule = kept[0]?.[0] ?? "hourly";
    return `${t.id} runs a dedicated ${service}: its volume is in Velero's backups (velero restore create --from-schedule ${scheduleName(schedule)} --include-namespaces ${t.id})`;
  }
  if (!c[service].enabled || (c[service].external && !c[service].external.adminSecret)) return `${service} of cluster ${t.cluster.name} is not provisioned by the platform: restore with your provider's tools`;
  if (!databaseBackups(c)) return `backups are off on cluster ${t.cluster.name}: set components.backups.storage to have something to restore from`;
  const labels = { "fleet.openedx.org/tenant": t.id };
  if (service === "mysql") {
    return {
      apiVersion: "k8s.mariadb.com/v1alpha1",
      kind: "Restore",
      metadata: { name: opts.name, namespace: SHARED_SERVICES.mysql.namespace, labels },
      spec: {
        mariaDbRef: { name: SHARED_SERVICES.mysql.name, kind: c.mysql.external ? "ExternalMariaDB" : "MariaDB" },
        // the tenant's own scheduled Backup holds only its database; restore only that database
        backupRef: { name: t.id },
        database: t.names.mysqlDatabase,
        ...(opts.at ? { targetRecoveryTime: opts.at } : {}),
      },
    };
  }
  if (c.mongodb.external) return "backups of an external MongoDB are your provider's: restore with its tools";
  if (!opts.backup) return "name the MongoDB backup to restore with --backup (kubectl -n mongodb get psmdb-backup lists them, newest last)";
  return {
    apiVersion: "psmdb.percona.com/v1",
    kind: "PerconaServerMongoDBRestore",
    metadata: { name: opts.name, namespace: SHARED_SERVICES.mongodb.namespace, labels },
    spec: {
      clusterName: SHARED_SERVICES.mongodb.name,
      backupName: opts.backup,
      storageName: BACKUP_STORAGE,
      // only this tenant's database (and its user) come back; every other tenant is untouched
      selective: { namespaces: [t.names.mongodbRestoreNamespace], withUsersAndRoles: true },
    },
  };
}
