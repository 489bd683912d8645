// The mail relay Open edX sends through (password resets, activation, notifications): declared by the
// platform or a cluster, or by one tenant for itself. The password is never here: it is a cluster Secret.
import { z } from "zod";
import { Host } from "./common";
import { Cidr } from "./network";
import { checkText } from "./tutor-text";

export const MAIL_SECURITY = ["starttls", "tls", "none"] as const;

export const MailRelay = z.strictObject({
  host: Host.describe("Host name of the relay, e.g. `email-smtp.eu-west-1.amazonaws.com`."),
  port: z.int().min(1).max(65535).default(587).describe("TCP port of the relay."),
  security: z
    .enum(MAIL_SECURITY)
    .default("starttls")
    .describe("`starttls` (Tutor's SMTP_USE_TLS, usually port 587), `tls` (SMTP_USE_SSL, usually 465) or `none` (an in-cluster relay only)."),
  username: z
    .string()
    .min(1)
    .max(254)
    .regex(/^[A-Za-z0-9@._+=-]+$/, { error: "a relay user name is letters, digits and @ . _ + = -" })
    .check(checkText)
    .optional()
    .describe("User the relay authenticates; its password comes from a cluster Secret (docs/operator/mail.md). No authentication when omitted."),
  addresses: z
    .array(
      Cidr.refine((c) => !/^[^/]+\/\d+$/.test(c) || Number(c.split("/")[1]) >= (c.includes(":") ? 64 : 24), {
        error: (i) => `${JSON.stringify(i.input)} is wider than one relay: tenant pods could reach every address in it (at most a /24, or a /64 for IPv6)`,
      }),
    )
    .min(1)
    .describe("Addresses the relay's host resolves to: tenant pods may reach exactly these, on `port`, and nothing else for mail."),
});
export type MailRelay = z.infer<typeof MailRelay>;

const PRIVATE_V4: [number, number][] = [
  [0x00000000, 8], // "this network"
  [0x0a000000, 8],
  [0x64400000, 10], // carrier-grade NAT
  [0x7f000000, 8], // loopback
  [0xa9fe0000, 16], // link-local: cloud instance metadata
  [0xac100000, 12],
  [0xc0a80000, 16],
];

/** Whether a CIDR reaches any private, loopback or link-local address (in-cluster pods, nodes, cloud metadata). */
export function reachesPrivate(cidr: string): boolean {
  const [ip, bits] = cidr.split("/");
  const prefix = Number(bits);
  if (ip!.includes(":")) return /^(f[c-d]|fe[89ab]|::1?$|::ffff:)/i.test(ip!) || prefix < 8;
  const n = ip!.split(".").reduce((a, o) => a * 256 + Number(o), 0);
  return PRIVATE_V4.some(([net, len]) => {
    const common = Math.min(len, prefix);
    const mask = common === 0 ? 0 : (0xffffffff << (32 - common)) >>> 0;
    return ((n & mask) >>> 0) === ((net & mask) >>> 0);
  });
}

/** Ports mail relays listen on: a tenant's own relay may open egress to these only. */
export const MAIL_PORTS = [25, 465, 587, 2525] as const;

/**
 * A tenant's own relay opens egress from its pods: only to public addresses (never other pods, nodes or the
 * cloud's metadata service) and only on a mail port. The platform's relay may be private (it is the operator's).
 */
export const TenantMailRelay = MailRelay.extend({
  port: z
    .int()
    .refine((p) => (MAIL_PORTS as readonly number[]).includes(p), { error: `a tenant's relay listens on a mail port: ${MAIL_PORTS.join(", ")}` })
    .default(587)
    .describe(`TCP port of the relay: ${MAIL_PORTS.join(", ")}.`),
  addresses: z
    .array(
      MailRelay.shape.addresses.element.refine((c) => !/^[^/]+\/\d+$/.test(c) || !reachesPrivate(c), {
        error: (i) => `${JSON.stringify(i.input)} is not public: a tenant's relay may not open private, loopback or link-local ranges (pods, nodes, cloud metadata)`,
      }),
    )
    .min(1)
    .describe(MailRelay.shape.addresses.description ?? ""),
});
