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
