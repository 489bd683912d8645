// The platform's shared components: one toggle, a chart pin override and an escape hatch each.
// Set under `components` for every cluster, and under `clusters.<name>.components` where a cluster differs.
import { z } from "zod";
import { DnsLabel, Email, Host, Memory } from "./common";

/** An exact chart version; some charts (cert-manager) publish theirs with a leading `v`. */
const ChartVersion = z.string().regex(/^v?\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$/, { error: (i) => `${JSON.stringify(i.input)} is not an exact chart version (e.g. "41.3.0" or "v1.21.1")` });

/** Fields every component shares. */
export const componentBase = {
  enabled: z.boolean().optional().describe("Turns the component on or off; the cluster's provider profile decides when omitted."),
  chartVersion: ChartVersion.optional().describe("Another exact version of the upstream chart than the tested default."),
  values: z.record(z.string(), z.json()).optional().describe("Extra Helm values, deep-merged over the generated ones (the escape hatch)."),
};

export function component<T extends z.ZodRawShape>(extra: T) {
  return z.strictObject({ ...componentBase, ...extra });
}

/** A managed database endpoint outside the cluster. */
function external(port: number) {
  return z.strictObject({
    host: Host.describe("Host name of the managed service."),
    port: z.int().min(1).max(65535).default(port),
    adminUser: z.string().min(1).default("admin").describe("Admin user the platform provisions tenants' users with."),
    adminSecret: DnsLabel.optional().describe(
      "Secret you create in the component's namespace (never in git) with the admin user's `password`: with it tenants' databases and users are provisioned automatically; without it you create them yourself.",
    ),
  });
}

/** A key of the Secret named beside it: the value is read in the cluster, never written here. */
const SecretKey = z.string().regex(/^[-._a-zA-Z0-9]+$/, { error: "a key of the Secret, e.g. `slack-url`" });

/** Where Alertmanager sends alerts; every credential is a key of one Secret in namespace `monitoring`. */
const Alerts = z
  .strictObject({
    secret: DnsLabel.describe("Secret you create in namespace `monitoring` (never in git) holding the receivers' credentials; mounted into Alertmanager and read from files."),
    email: z
      .strictObject({
        to: Email.describe("Who receives the alerts."),
        from: Email.describe("Sender address."),
        smarthost: z.string().regex(/^[^\s:]+:\d+$/, { error: "host:port of the SMTP server, e.g. smtp.example.org:587" }).describe("SMTP server as host:port."),
        username: z.string().min(1).optional().describe("SMTP user name, when the server asks for one."),
        passwordKey: SecretKey.optional().describe("Key of `secret` holding the SMTP password."),
      })
      .optional()
      .describe("E-mail receiver."),
    slack: z
      .strictObject({
        channel: z.string().min(1).describe("Channel, e.g. `#alerts`."),
        urlKey: SecretKey.describe("Key of `secret` holding the Slack incoming-webhook URL."),
      })
      .optional()
      .describe("Slack receiver."),
    webhook: z.strictObject({ urlKey: SecretKey.describe("Key of `secret` holding the URL alerts are POSTed to (PagerDuty, Opsgenie, a chat bridge, ...).") }).optional().describe("Generic webhook receiver."),
  })
  .refine((a) => a.email || a.slack || a.webhook, { error: "name at least one receiver: `email`, `slack` or `webhook`" });

/** One Velero schedule: when, and how long its backups are kept. */
const VeleroSchedule = z.strictObject({
  cron: z.string().regex(/^\S+( \S+){4}$/, { error: "a five-field cron expression, e.g. `0 6 * * *`" }).describe("When it runs (cron, UTC)."),
  keepHours: z.int().min(1).max(87600).describe("How long its backups are kept, in hours."),
});

export const ComponentsSchema = z.strictObject({
  ingress: component({
    controller: z.enum(["traefik", "ingress-nginx"]).optional().describe("Ingress controller: Traefik by default; ingress-nginx is retired upstream."),
    maxBodySize: z
      .string()
      .regex(/^\d+[kmg]?$/, { error: "a size as nginx writes it, e.g. `250m`" })
      .optional()
      .describe("Largest request body ingress-nginx passes on (`proxy-body-size`); `250m` when omitted, Tutor's own limit for Studio (course imports). Traefik sets no limit."),
  }).optional(),
  certManager: component({
    issuer: z
      .union([z.enum(["letsencrypt", "letsencrypt-staging", "selfsigned"]), z.strictObject({ name: DnsLabel.describe("A ClusterIssuer you manage yourself.") })])
      .optional()
      .describe("ClusterIssuer that signs tenant certificates."),
  }).optional(),
  metricsServer: component({}).optional(),
  vpa: component({}).optional(),
  externalSecrets: component({}).optional(),
  monitoring: component({
    alerts: Alerts.optional().describe("Where alerts go. Without it alerts reach nobody, and the compiler warns."),
    controlPlane: z
      .boolean()
      .optional()
      .describe("Scrape the scheduler, controller manager, etcd and kube-proxy. Off when omitted: managed control planes hide them, and most clusters bind them to localhost, where they only raise TargetDown."),
  }).optional(),
  backups: component({
    storage: z
      .strictObject({
        bucket: z.string().min(1).describe("Object storage bucket that Velero and the database backups write to."),
        region: z.string().min(1).optional().describe("Bucket region (S3)."),
        endpoint: z.url().optional().describe("S3-compatible endpoint (DigitalOcean Spaces, MinIO, ...); AWS S3 when omitted."),
        credentialsSecret: DnsLabel.optional().describe("Secret created in the cluster (never in git) holding the storage credentials; none with workload identity (IRSA)."),
      })
      .optional()
      .describe("Where backups go; backups stay off until it is set."),
    schedule: z.string().min(1).optional().describe("Cron schedule of the database backups (MariaDB, MongoDB), e.g. `0 3 * * *`."),
    retentionDays: z.int().min(1).max(3650).optional().describe("How long database backups are kept."),
    schedules: z
      .record(DnsLabel, VeleroSchedule)
      .optional()
      .describe("Velero schedules (objects and volumes of every namespace) by name; as Harmony when omitted: `hourly` (`30 */1 * * *`, kept 24h), `daily` (`0 6 * * *`, 168h), `weekly` (`59 23 * * 0`, 720h)."),
  }).optional(),
  karpenter: component({
    clusterName: z.string().min(1).optional().describe("EKS cluster name: nodes join it, subnets and security groups tagged `karpenter.sh/discovery: <name>` are used. Required on aws."),
    controllerRoleArn: z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/, { error: "an IAM role ARN, e.g. arn:aws:iam::123456789012:role/karpenter" }).optional().describe("IAM role of the Karpenter controller (IRSA); none with EKS Pod Identity."),
    nodeRole: z.string().min(1).optional().describe("IAM role name of the nodes Karpenter launches. Required on aws."),
    interruptionQueue: z.string().min(1).optional().describe("SQS queue of spot interruption and rebalance events; interruption handling is off when omitted."),
    amiAlias: z
      .string()
      .regex(/^[a-z0-9]+@(latest|v\d{8})$/, { error: "an AMI alias such as al2023@v20260724" })
      .optional()
      .describe("EC2NodeClass AMI alias; a pinned AL2023 release when omitted, so nodes are replaced only when you move it (`@latest` replaces every node at each AMI release)."),
  }).optional(),
  echo: component({}).optional(),
  minio: component({
    storageSize: Memory.optional().describe("Volume size of the in-cluster MinIO (default 20Gi)."),
  })
    .optional()
    .describe("An in-cluster MinIO for the tenants' buckets (`objectStorage.provider: \"minio\"` without `endpoint`): on by default on `local` clusters whose object storage is MinIO; turn it on elsewhere with `enabled: true`."),
  search: component({
    storageSize: Memory.optional().describe("Volume size of the shared Meilisearch (default 20Gi)."),
  }).optional(),
  mysql: component({
    storageSize: Memory.optional().describe("Volume size of the shared MariaDB (default 50Gi)."),
    instance: z.record(z.string(), z.json()).optional().describe("Fields deep-merged over the generated MariaDB spec, e.g. `{ replicas: 3, galera: { enabled: true } }` (`values` tunes the operator's chart)."),
    external: external(3306).optional().describe("A managed MySQL/MariaDB (RDS, DigitalOcean, ...) instead of the in-cluster one; tenants' databases, users and grants are still created on it."),
  }).optional(),
  mongodb: component({
    storageSize: Memory.optional().describe("Volume size of each shared MongoDB replica set member (default 50Gi)."),
    instance: z.record(z.string(), z.json()).optional().describe("Fields deep-merged over the generated PerconaServerMongoDB spec, e.g. `{ pmm: { enabled: true } }` (`values` tunes the operator's chart)."),
    external: external(27017)
      .extend({
        replicaSet: z.string().min(1).optional().describe("Replica set name, when the endpoint is a replica set."),
        useSsl: z.boolean().default(false).describe("Connect with TLS (Atlas: true)."),
      })
      .optional()
      .describe("A managed MongoDB (Atlas, DigitalOcean, ...) instead of the in-cluster one."),
  }).optional(),
  redis: component({
    storageSize: Memory.optional().describe("Volume size of the shared Valkey (default 10Gi)."),
    external: external(6379).optional().describe("A managed Redis/Valkey (ElastiCache, DigitalOcean, ...) instead of the in-cluster one."),
  }).optional(),
});

export type Components = z.infer<typeof ComponentsSchema>;
export type ComponentName = keyof Components;
export const COMPONENT_NAMES = Object.keys(ComponentsSchema.shape) as ComponentName[];
