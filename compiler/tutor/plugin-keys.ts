// The settings each catalog plugin defines, read from its source at the version argocd/Dockerfile pins,
// with the type its templates need. A key the plugin does not define is refused (Tutor would keep it silently).
import { z } from "zod";
import { Memory } from "../schema/common";
import { CssColor, GitRef, ImageRef, LinkUrl, Text } from "./value-types";

// tutor-contrib-pod-autoscaling 21.0.0, hooks.py AUTOSCALING_ATTRS_TYPE (a TypedDict: every field required).
// Its hpa.yml/k8s-override compare avg_cpu, cpu_request and cpu_limit with `> 0` and index every field.
const AutoscaledService = z.strictObject({
  enable_hpa: z.boolean(),
  enable_vpa: z.boolean(),
  min_replicas: z.int().min(1).max(100),
  max_replicas: z.int().min(1).max(100),
  avg_cpu: z.int().min(0).max(1000).describe("target average CPU utilisation in percent; 0 turns the CPU metric off"),
  avg_memory: z.union([z.literal(""), Memory]).describe('target average memory, e.g. "1Gi"; "" turns the memory metric off'),
  cpu_request: z.number().min(0).max(10_000),
  cpu_limit: z.number().min(0).max(10_000),
  memory_request: Memory,
  memory_limit: Memory,
}).refine((s) => s.min_replicas <= s.max_replicas, { error: "min_replicas must not exceed max_replicas", path: ["min_replicas"] });

// Its k8s-override patch targets a Deployment of each name (kustomize fails on any other): the Deployments of
// Tutor and the catalog plugins, which are those the compiler sizes (postrender/workload-resources.ts).
export const AUTOSCALED_DEPLOYMENTS = ["caddy", "cms", "cms-worker", "lms", "lms-worker", "mfe"] as const;

// tutor-indigo 21.0.0, plugin.py config["defaults"] (INDIGO_VERSION names the theme's own release: not a tenant's).
const FooterLink = z.strictObject({ title: Text(100), url: LinkUrl });

/** Per catalog plugin: setting → the type of its value. */
export const PLUGIN_KEYS: Record<string, Record<string, z.ZodType>> = {
  // tutor-mfe 21.0.0, plugin.py config["defaults"] (MFE_HOST is set from `hosts.mfe`, MFE_VERSION pins the images)
  mfe: {
    MFE_CADDY_DOCKER_IMAGE: ImageRef,
    MFE_COMMON_VERSION: GitRef,
    MFE_DOCKER_IMAGE: ImageRef,
    MFE_HOST_EXTRA_FILES: z.boolean(),
  },
  indigo: {
    INDIGO_WELCOME_MESSAGE: Text(300),
    INDIGO_PRIMARY_COLOR: CssColor,
    INDIGO_ENABLE_DARK_TOGGLE: z.boolean(),
    INDIGO_FOOTER_NAV_LINKS: z.array(FooterLink).max(20),
  },
  // openedx-k8s-harmony 18.0.1, tutor-contrib-harmony-plugin plugin.py (its other keys are the platform's)
  k8s_harmony: {
    K8S_HARMONY_DEPLOYMENT_REVISION_HISTORY_LIMIT: z.int().min(0).max(100),
  },
  "pod-autoscaling": {
    POD_AUTOSCALING_EXTRA_SERVICES: z.partialRecord(z.enum(AUTOSCALED_DEPLOYMENTS), AutoscaledService),
  },
};
