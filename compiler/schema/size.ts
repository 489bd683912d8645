// Resource sizes: the platform's presets and a tenant's per-workload overrides of them.
import { z } from "zod";
import { Cpu, Memory } from "./common";

/** The Open edX workloads whose resources and replica counts a size sets. */
export const WORKLOADS = ["lms", "cms", "lmsWorker", "cmsWorker", "mfe", "caddy"] as const;
export type WorkloadName = (typeof WORKLOADS)[number];

const Replicas = z
  .strictObject({
    min: z.int().min(1).max(100).describe("Replicas the autoscaler never goes below."),
    max: z.int().min(1).max(100).describe("Replicas the autoscaler never goes above."),
  })
  .refine((r) => r.min <= r.max, { error: "replicas.min must not exceed replicas.max" });

export const WorkloadSize = z.strictObject({
  requests: z.strictObject({ cpu: Cpu, memory: Memory }).describe("What the scheduler reserves for each replica."),
  limits: z.strictObject({ cpu: Cpu.optional(), memory: Memory }).describe("Hard ceiling per replica; CPU unlimited when omitted."),
  replicas: Replicas,
});
export type WorkloadSize = z.infer<typeof WorkloadSize>;

export const SizePreset = z.strictObject(Object.fromEntries(WORKLOADS.map((w) => [w, WorkloadSize])) as Record<WorkloadName, typeof WorkloadSize>);
export type SizePreset = z.infer<typeof SizePreset>;

const WorkloadOverride = z
  .strictObject({
    requests: z
      .strictObject({ cpu: Cpu.optional().describe("CPU request per replica, e.g. `500m`."), memory: Memory.optional().describe("Memory request per replica, e.g. `1Gi`.") })
      .optional(),
    limits: z
      .strictObject({ cpu: Cpu.optional().describe("CPU limit per replica."), memory: Memory.optional().describe("Memory limit per replica.") })
      .optional(),
    replicas: z
      .strictObject({
        min: z.int().min(1).max(100).optional().describe("Fewest replicas (autoscaler floor)."),
        max: z.int().min(1).max(100).optional().describe("Most replicas (autoscaler ceiling)."),
      })
      .optional(),
  })
  .describe("Override of one workload of the preset: `lms`, `cms`, `lmsWorker`, `cmsWorker`, `mfe` or `caddy`.");

const SizeObject = z.strictObject({
  preset: z.string().describe("Name of a size preset of the platform (`small`, `medium`, `large`, ...)."),
  ...Object.fromEntries(WORKLOADS.map((w) => [w, WorkloadOverride.optional()])),
} as { preset: z.ZodString } & Record<WorkloadName, z.ZodOptional<typeof WorkloadOverride>>);

/** `"small"`, or `{ preset: "small", lms: { replicas: { max: 6 } } }`. */
export const SizeSpec = z
  .union([z.string(), SizeObject])
  .describe("A size preset name, or a preset plus per-workload overrides of requests, limits and replicas.");
export type SizeSpec = z.infer<typeof SizeSpec>;
