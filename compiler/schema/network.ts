// Per-cluster egress the platform allows tenant pods beyond the cluster (the mail relay has its own, `mail`): object storage,
// managed services outside the cluster, and optionally the internet on 443. Everything else is denied.
import { z } from "zod";

const CIDR_RE = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}\/(3[0-2]|[12]?\d)$|^[0-9a-fA-F:]+:[0-9a-fA-F:]*\/(12[0-8]|1[01]\d|[1-9]?\d)$/;
export const Cidr = z
  .string()
  .regex(CIDR_RE, { error: (i) => `${JSON.stringify(i.input)} is not a CIDR block (e.g. "10.0.8.0/24" or "2001:db8::/64")` });

export const EgressPeer = z.strictObject({
  cidr: Cidr.describe("Addresses the tenant pods may reach."),
  ports: z.array(z.int().min(1).max(65535)).min(1).describe("TCP ports allowed on those addresses."),
});

export const EgressSchema = z
  .strictObject({
    objectStorage: z.array(EgressPeer).default([]).describe("Object storage endpoints (S3, MinIO) for uploads and backups."),
    services: z.array(EgressPeer).default([]).describe("Managed databases, caches or search outside the cluster that shared services point to."),
    internet443: z.boolean().default(false).describe("Allow HTTPS (TCP 443) to any public address; private and link-local ranges stay denied."),
  })
  .default({ objectStorage: [], services: [], internet443: false })
  .describe("What tenant pods on this cluster may reach outside it; everything else is denied by network policy.");
