// Small reusable zod types shared by the tenant and platform schemas, each with a message that says the fix.
import { z } from "zod";
import { parseCpu, parseMemory } from "../model/quantity";

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

// Quantities are bounded so every sum stays a finite, exact number (a 400-digit memory once became
// `Infinity` in a ResourceQuota): few characters, and a magnitude no workload or cluster comes near.
const MAX_QUANTITY_CHARS = 20;
const CPU_RE = /^(\d+(\.\d{1,3})?|\d+m)$/;
const MEMORY_RE = /^\d+(\.\d{1,3})?(Ki|Mi|Gi|Ti|k|M|G|T)?$/;

function quantity(kind: string, re: RegExp, example: string, parse: (q: string) => number, max: number, shown: string) {
  return z
    .string()
    .regex(re, { error: (i) => `${show(i.input)} is not a ${kind} quantity (e.g. ${example})` })
    .check((ctx) => {
      const q = ctx.value;
      if (!re.test(q)) return; // reported by the regex
      const push = (message: string) => ctx.issues.push({ code: "custom", message, input: q, params: { code: "quantity-range", hint: `use a ${kind} quantity of at most ${shown}` } });
      if (q.length > MAX_QUANTITY_CHARS) push(`${kind} quantity "${q.slice(0, 12)}…" has ${q.length} characters (at most ${MAX_QUANTITY_CHARS})`);
      else if (!(parse(q) <= max)) push(`${kind} quantity ${show(q)} is above the limit of ${shown}`);
    });
}

/** CPU as Kubernetes writes it ("2", "0.5", "250m"; no precision below 1m), for one workload: at most 10,000 cores. */
export const Cpu = quantity("CPU", CPU_RE, '"500m" or "2"', parseCpu, 10_000, "10000 cores");
/** Memory in binary or decimal units ("512Mi", "2Gi", "1G"), for one workload or volume: at most 1Pi. */
export const Memory = quantity("memory", MEMORY_RE, '"512Mi" or "2Gi"', parseMemory, 2 ** 50, "1Pi (1024Ti)");
/** A whole cluster's allocatable CPU: at most a million cores. */
export const ClusterCpu = quantity("CPU", CPU_RE, '"500m" or "2"', parseCpu, 1_000_000, "1000000 cores");
/** A whole cluster's allocatable memory: at most 8Pi (2^53 bytes, so sums stay exact). */
export const ClusterMemory = quantity("memory", MEMORY_RE, '"512Mi" or "2Gi"', parseMemory, 2 ** 53, "8Pi (8192Ti)");

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
  })
  // a digest pins even `latest`; without one, two syncs of one commit could run different code
  .refine((ref) => !ref.endsWith(":latest"), { error: "\"latest\" is not a pinned tag: name an exact version (e.g. docker.io/caddy:2.7.4)" });

export const HttpsUrl = z.url({ protocol: /^https?$/, error: (i) => `${show(i.input)} is not an http(s) URL` });
