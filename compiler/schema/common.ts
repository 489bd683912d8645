// Small reusable zod types shared by the tenant and platform schemas, each with a message that says the fix.
import { z } from "zod";

const show = (v: unknown) => (typeof v === "string" ? JSON.stringify(v) : String(v));

const HOST_RE = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/;
export const Host = z
  .string()
  .regex(HOST_RE, { error: (i) => `${show(i.input)} is not a valid host name (lower-case letters, digits, '-' and '.')` })
  .describe("A fully qualified DNS host name, lower case, e.g. `learn.acme.org`.");

export const DnsLabel = z
  .string()
  .regex(/^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/, {
    error: (i) => `${show(i.input)} is not a DNS label (lower-case letters, digits and '-', starting with a letter, at most 63 characters)`,
  });

export const Email = z.email({ error: (i) => `${show(i.input)} is not an e-mail address` });

// CPU as Kubernetes writes it: "2", "0.5", "250m".
export const Cpu = z
  .string()
  .regex(/^(\d+(\.\d+)?|\d+m)$/, { error: (i) => `${show(i.input)} is not a CPU quantity (e.g. "500m" or "2")` });

// Memory in binary or decimal units: "512Mi", "2Gi", "1G".
export const Memory = z
  .string()
  .regex(/^\d+(\.\d+)?(Ki|Mi|Gi|Ti|k|M|G|T)?$/, { error: (i) => `${show(i.input)} is not a memory quantity (e.g. "512Mi" or "2Gi")` });

// Kubernetes label values: 63 characters, alphanumerics with '-', '_' and '.' inside.
export const LabelValue = z
  .string()
  .regex(/^([A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?)$/, {
    error: (i) => `${show(i.input)} cannot be a Kubernetes label value (letters, digits, '-', '_', '.', at most 63, starting and ending alphanumeric)`,
  });

// Exact versions only: a range would let two renders of the same commit differ.
export const ExactVersion = z
  .string()
  .regex(/^\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$/, { error: (i) => `${show(i.input)} is not an exact version (e.g. "21.0.8")` });

export const Image = z
  .string()
  .regex(/^[a-z0-9]([a-z0-9._/-]*[a-z0-9])?(:[0-9]+)?(\/[a-z0-9._-]+)*:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}(@sha256:[a-f0-9]{64})?$/, {
    error: (i) => `${show(i.input)} is not a pinned image reference (registry/repository:tag)`,
  });

export const HttpsUrl = z.url({ protocol: /^https?$/, error: (i) => `${show(i.input)} is not an http(s) URL` });
