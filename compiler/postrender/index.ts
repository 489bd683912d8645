// Post-render: Tutor's kustomize output → the objects Argo CD syncs for one tenant. The steps, in order:
//   1. parse kustomize's YAML (parse.ts)
//   2. refuse an empty or truncated render (guard.ts)
//   3. replace Tutor's template Jobs with Sync hooks running the real init tasks, then the tenant's admins, theme
//      and demo course tasks (hooks.ts, admins.ts, site.ts)
//   4. keep exposure internal: no Namespace, no Ingress, ClusterIP Services, Caddy present (exposure.ts)
//   4b. an autoscaler for every sized Deployment, disruption budgets where replicas or consolidation need them (autoscaling.ts)
//   5. force the tenant namespace and its labels on everything (scope.ts)
//   5b. give Tutor's Deployments and autoscalers the tenant's size, every other container explicit requests and
//       limits, every Deployment the rollout the quota holds (workload-resources.ts); every pod the registry
//       logins as image pull secrets (pull-secrets.ts)
//   6. order the sync: init hooks, then workloads, then autoscalers (waves.ts)
//   6b. harden every pod to Pod Security `restricted` (pod-security.ts); keep data-bearing objects (keep-data.ts)
//   6c. refuse pods that, at their peak (rollouts and hooks included), would not fit the quota (scheduled.ts)
//   7. refuse any secret-looking value (scan/secrets.ts), then sort and write deterministically
import { sortObjects, type KubeObject } from "../render/objects";
import { toYaml } from "../render/yaml";
import { describeFinding, findSecrets } from "../scan/secrets";
import { adminTasks } from "./admins";
import { autoscale } from "./autoscaling";
import { internalOnly } from "./exposure";
import { plausibleRender } from "./guard";
import { initHooks } from "./hooks";
import { keepData } from "./keep-data";
import { hardenPodSecurity } from "./pod-security";
import { parseManifests } from "./parse";
import { pullSecrets } from "./pull-secrets";
import { tenantScope } from "./scope";
import { demoCourseTasks, themeTasks } from "./site";
import { PostRenderError, type InitTask, type RenderContext } from "./types";
import { syncWaves } from "./waves";
import { fitsQuota } from "./scheduled";
import { explicitResources, sizeWorkloads } from "./workload-resources";

export function postRender(manifests: string, tasks: readonly InitTask[], ctx: RenderContext): KubeObject[] {
  const parsed = parseManifests(manifests);
  plausibleRender(parsed);
  let objects = initHooks(parsed, [...tasks, ...adminTasks(ctx), ...themeTasks(ctx), ...demoCourseTasks(ctx)]);
  for (const step of [internalOnly, autoscale, tenantScope, sizeWorkloads, explicitResources, pullSecrets, syncWaves]) objects = step(objects, ctx);
  // Pod Security `restricted` for every pod, and data-bearing objects kept on archive (issue 5)
  objects = objects.map((o) => keepData(hardenPodSecurity(o)));
  return sortObjects(fitsQuota(objects, ctx));
}

/** The YAML Argo CD receives; refused when any value looks like a secret. */
export function postRenderYaml(manifests: string, tasks: readonly InitTask[], ctx: RenderContext): string {
  const objects = postRender(manifests, tasks, ctx);
  const text = toYaml(objects, { multi: true });
  const findings = findSecrets(text);
  if (findings.length > 0) throw new PostRenderError(findings.map((f) => `rendered output ${describeFinding(f)}`));
  return text;
}

export { PostRenderError } from "./types";
export type { InitTask, RenderContext } from "./types";
