// Backup policy of one cluster: where backups go, when they run and how long they are kept, with defaults.
import type { ClusterSetup } from "./components";

export const BACKUP_DEFAULTS = { schedule: "0 3 * * *", retentionDays: 30 } as const;

export type BackupStorage = NonNullable<ClusterSetup["components"]["backups"]["storage"]>;

export interface BackupPolicy {
  storage: BackupStorage;
  schedule: string;
  retentionDays: number;
}

/** The cluster's backup policy; undefined while `backups.storage` is unset (backups stay off until then). */
export function backupPolicy(cluster: ClusterSetup): BackupPolicy | undefined {
  const b = cluster.components.backups;
  if (!b.enabled || !b.storage) return undefined;
  return { storage: b.storage, schedule: b.schedule ?? BACKUP_DEFAULTS.schedule, retentionDays: b.retentionDays ?? BACKUP_DEFAULTS.retentionDays };
}

/** Velero and Kubernetes write durations as Go durations. */
export const retentionTtl = (days: number) => `${days * 24}h0m0s`;
