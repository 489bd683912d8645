// Object storage of the tenants' uploads (media, grade reports, ORA files, course import/export): declared by
// the platform or a cluster; each tenant gets its own bucket and its own keys, never in git.
import { z } from "zod";

export const STORAGE_PROVIDERS = ["s3", "spaces", "minio"] as const;

/** Bucket names are global (S3, Spaces): the prefix makes this fleet's names its own. */
const BucketPrefix = z
  .string()
  .regex(/^[a-z0-9]([a-z0-9-]{0,28}[a-z0-9])?$/, {
    error: (i) => `${JSON.stringify(i.input)} is not a bucket prefix (lower-case letters, digits and '-', at most 30 characters, no '-' at either end)`,
  })
  .refine((p) => !p.startsWith("xn--") && !p.startsWith("sthree-") && !p.startsWith("amzn-s3-demo-"), { error: "a bucket name may not start with xn--, sthree- or amzn-s3-demo- (S3 rules)" });

const Endpoint = z
  .string()
  .regex(/^https?:\/\/[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d{1,5})?$/, {
    error: (i) => `${JSON.stringify(i.input)} is not an endpoint URL (scheme and host, optionally a port, no path), e.g. "https://fra1.digitaloceanspaces.com"`,
  });

export const ObjectStorage = z
  .strictObject({
    provider: z.enum(STORAGE_PROVIDERS).describe("`s3` (AWS), `spaces` (DigitalOcean Spaces) or `minio` (an in-cluster or self-run MinIO: the compiler provisions each tenant's bucket, user and policy)."),
    endpoint: Endpoint.optional().describe("S3 endpoint URL; when omitted, AWS S3 of `region` (s3) or the in-cluster MinIO of the `minio` component, `http://minio.minio.svc.cluster.local:9000` (minio); required for `spaces`."),
    region: z.string().regex(/^[a-z0-9-]{2,32}$/, { error: "a region is lower-case letters, digits and '-', e.g. eu-west-1" }).default("us-east-1").describe("Region of the buckets (`us-east-1` suits MinIO)."),
    bucketPrefix: BucketPrefix.describe("Each tenant's bucket is `<bucketPrefix>-<tenant id>`: bucket names are global, so pick one no one else uses."),
    irsaRoleArnPrefix: z
      .string()
      .regex(/^arn:aws(-[a-z]+)*:iam::\d{12}:role\/[A-Za-z0-9+=,.@_\/-]{0,40}$/, { error: (i) => `${JSON.stringify(i.input)} is not an IAM role ARN prefix, e.g. "arn:aws:iam::123456789012:role/openedx-"` })
      .optional()
      .describe("`s3` on EKS only: each tenant's pods assume the IAM role `<irsaRoleArnPrefix><tenant id>` (IRSA) instead of holding a key pair."),
    minio: z
      .strictObject({
        adminSecret: z.string().regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/).default("minio-admin").describe("Secret in platform-credentials with the MinIO admin's `username` and `password`: the provisioning Job creates buckets, users and policies with it."),
      })
      .default({ adminSecret: "minio-admin" })
      .describe("`minio` only: how the compiler reaches MinIO's admin API."),
  })
  .refine((s) => s.provider !== "spaces" || !!s.endpoint, { error: "`spaces` needs an `endpoint`, e.g. \"https://fra1.digitaloceanspaces.com\"", path: ["endpoint"] })
  .refine((s) => s.provider === "s3" || !s.irsaRoleArnPrefix, { error: "IRSA (an IAM role per tenant) exists on AWS only: `irsaRoleArnPrefix` needs `provider: \"s3\"`", path: ["irsaRoleArnPrefix"] });
export type ObjectStorage = z.infer<typeof ObjectStorage>;
