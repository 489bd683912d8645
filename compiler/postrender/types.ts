// What post-render works on: Tutor's rendered objects, the init tasks Tutor would run, and the tenant's context.
import type { ResolvedTenant } from "../model/resolve";
import type { KubeObject } from "../render/objects";

/** One init task as Tutor would run it with `tutor k8s do init` (written by compiler/pipeline/tutor_render.py). */
export interface InitTask {
  /** Tutor hook contexts, e.g. ["app:lms"] or ["app:mfe", "plugins"]. */
  contexts: string[];
  /** Service whose template Job runs the script (`lms` → Job `lms-job`). */
  service: string;
  script: string;
}

/** generated/tenants/<id>/render.json. */
export interface RenderContext {
  tenant: string;
  namespace: string;
  labels: Record<string, string>;
  /** The tenant's resolved size: requests, limits and replica bounds per workload. */
  size: ResolvedTenant["size"];
  /** The cluster packs nodes (Karpenter consolidation): single replicas serving the site get a disruption budget. */
  consolidation?: boolean;
  /** The tenant's admin e-mail addresses (postrender/admins.ts). */
  admins?: string[];
  /** The comprehensive theme a hook sets on these domains (postrender/site.ts); absent: left as it is. */
  theme?: { name: string; domains: string[] };
  /** Import the demo course when it is missing (postrender/site.ts); `ref` pins its revision. */
  demoCourse?: { ref?: string };
  /** Tutor's OPENEDX_COMMON_VERSION for this render (from the render wrapper, not render.json): the demo course's default revision. */
  openedxVersion?: string;
  /** Image pull secrets (copies of the platform's registry logins) every pod of the tenant names. */
  imagePullSecrets?: string[];
  /** The folder of the fleet's Tutor plugins (generated/tutor/plugins), relative to the tenant folder. */
  tutorPlugins: string;
}

/** A problem that makes the render unusable: the whole render is refused. */
export class PostRenderError extends Error {
  constructor(readonly problems: string[]) {
    super(`post-render refused Tutor's output:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

export type Step = (objects: KubeObject[], ctx: RenderContext) => KubeObject[];
