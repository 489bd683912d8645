// The database backups of a cluster, read from the `backups` settings shared with Velero: where to, how often,
// how long. Off unless backups are on and a bucket is set.
import type { ResolvedComponents } from "./components";

export interface DatabaseBackups {
  bucket: string;
  region?: string;
  /** S3 endpoint as a URL; AWS S3 of the region when the platform sets none. */
  endpointUrl: string;
  /** Secret with AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in each database namespace; none with workload identity. */
  credentialsSecret?: string;
  schedule: string;
  retentionDays: number;
}

export const DEFAULT_BACKUP_SCHEDULE = "0 3 * * *";
export const DEFAULT_RETENTION_DAYS = 30;

// a cluster's components are resolved once per platform (components.ts): so are its backups, not once per tenant
const resolved = new WeakMap<ResolvedComponents, DatabaseBackups | undefined>();

export function databaseBackups(components: ResolvedComponents): DatabaseBackups | undefined {
  if (resolved.has(components)) return resolved.get(components);
  const backups = readBackups(components);
  resolved.set(components, backups);
  return backups;
}

function readBackups(components: ResolvedComponents): DatabaseBackups | undefined {
  const b = components.backups;
  if (!b.enabled || !b.storage) return undefined;
  const s = b.storage;
  return {
    bucket: s.bucket,
    ...(s.region ? { region: s.region } : {}),
    endpointUrl: s.endpoint ?? (s.region ? `https://s3.${s.region}.amazonaws.com` : "https://s3.amazonaws.com"),
    ...(s.credentialsSecret ? { credentialsSecret: s.credentialsSecret } : {}),
    schedule: b.schedule ?? DEFAULT_BACKUP_SCHEDULE,
    retentionDays: b.retentionDays ?? DEFAULT_RETENTION_DAYS,
  };
}

/** The two keys the database operators read from the credentials Secret. */
export const S3_KEYS = { accessKeyId: "AWS_ACCESS_KEY_ID", secretAccessKey: "AWS_SECRET_ACCESS_KEY" } as const;

export type VeleroSchedules = NonNullable<ResolvedComponents["backups"]["schedules"]>;

/**
 * Openedx-k8s-harmony's Velero schedules (charts/harmony-chart/values.yaml): hourly kept a day, daily kept a
 * week, weekly kept 30 days. A restore can then go back an hour, a day or a week.
 */
export const DEFAULT_VELERO_SCHEDULES: VeleroSchedules = {
  hourly: { cron: "30 */1 * * *", keepHours: 24 },
  daily: { cron: "0 6 * * *", keepHours: 168 },
  weekly: { cron: "59 23 * * 0", keepHours: 720 },
};

/** Velero's view of the same settings: the storage as written (an endpoint only for S3-compatible stores). */
export interface BackupPolicy {
  storage: NonNullable<ResolvedComponents["backups"]["storage"]>;
  schedules: VeleroSchedules;
}

/** Undefined while backups are off or `backups.storage` is unset (backups stay off until then). */
export function backupPolicy(components: ResolvedComponents): BackupPolicy | undefined {
  const b = components.backups;
  if (!b.enabled || !b.storage) return undefined;
  return { storage: b.storage, schedules: b.schedules ?? DEFAULT_VELERO_SCHEDULES };
}

/** Velero writes durations as Go durations. */
export const retentionTtl = (hours: number) => `${hours}h0m0s`;
