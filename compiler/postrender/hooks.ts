// Tutor's Jobs are templates that `tutor k8s do init` fills with a command at run time; applied as they are
// they would run the image's default command. They are replaced by Argo CD Sync hooks running the real init
// tasks (migrations included) one wave after another, before the workloads start.
import type { KubeObject } from "../render/objects";
import { SYNC_WAVE } from "../render/argocd";
import { SECRET_PLACEHOLDER_PREFIX } from "../tutor/pinned";
import { SECRET_ENV } from "../tutor/secret-env";
import { PostRenderError, type InitTask } from "./types";

export const HOOK = "argocd.argoproj.io/hook";
export const HOOK_DELETE_POLICY = "argocd.argoproj.io/hook-delete-policy";
/** Init task n runs in wave FIRST_INIT_WAVE + n; workloads wait for all of them (see waves.ts). */
export const FIRST_INIT_WAVE = 1;
export const MAX_INIT_TASKS = 50;

/** Provisioning belongs to the platform (databases, users and search keys per tenant), never to the tenant. */
const PLATFORM_CONTEXTS = new Set(["app:mysql", "app:meilisearch"]);

const isTemplateJob = (o: KubeObject) => o.kind === "Job" && o.metadata.labels?.["app.kubernetes.io/component"] === "job";

interface Container {
  name: string;
  command?: string[];
  args?: string[];
  env?: { name: string }[];
}
interface JobSpec {
  backoffLimit?: number;
  template: { spec: { containers: Container[] } };
}

/** Placeholders of secrets in a script become shell variables the container takes from its Secret. */
function withSecretVariables(script: string, task: string, problems: string[]): { script: string; needs: string[] } {
  const needs = new Set<string>();
  const out = script.replace(new RegExp(`${SECRET_PLACEHOLDER_PREFIX}([A-Z0-9_]+)`, "g"), (_m, key: string) => {
    if (!SECRET_ENV.some((s) => s.env === key)) problems.push(`init task ${task} uses the secret ${key}, which no tenant Secret holds`);
    needs.add(key);
    return `"\${${key}}"`;
  });
  return { script: out, needs: [...needs].sort() };
}

/** The app (core service or plugin) a task belongs to, as a DNS label: `k8s_harmony` → `k8s-harmony`. */
const appOf = (t: InitTask) => (t.contexts.find((c) => c.startsWith("app:")) ?? `app:${t.service}`).slice(4).toLowerCase().replace(/[^a-z0-9-]+/g, "-");

export function initHooks(objects: KubeObject[], tasks: readonly InitTask[]): KubeObject[] {
  const templates = new Map(objects.filter(isTemplateJob).map((j) => [j.metadata.name, j]));
  const problems: string[] = [];
  const run = tasks.filter((t) => !t.contexts.some((c) => PLATFORM_CONTEXTS.has(c)));
  if (run.length > MAX_INIT_TASKS) problems.push(`${run.length} init tasks; at most ${MAX_INIT_TASKS} are supported`);
  const hooks = run.flatMap((task, i) => {
    const name = `init-${String(i + 1).padStart(2, "0")}-${appOf(task)}`;
    const template = templates.get(`${task.service}-job`);
    if (!template) {
      problems.push(`init task ${name} runs in service "${task.service}", but Tutor rendered no Job "${task.service}-job"`);
      return [];
    }
    const { script, needs } = withSecretVariables(task.script, name, problems);
    const spec = structuredClone(template.spec) as JobSpec;
    const [container, ...sidecars] = spec.template.spec.containers;
    const missing = needs.filter((n) => !container!.env?.some((e) => e.name === n));
    if (missing.length > 0) problems.push(`init task ${name} needs ${missing.join(", ")} but Job ${task.service}-job does not take them from a Secret`);
    // as `tutor k8s do`: `command: []` in the template means "bypass the entrypoint"
    const shell = ["sh", "-e", "-c"];
    const command = container!.command && container!.command.length === 0 ? { command: shell, args: [script] } : { args: [...shell, script] };
    spec.template.spec.containers = [{ ...container!, ...command }, ...sidecars];
    spec.backoffLimit = 1;
    const annotations = {
      ...template.metadata.annotations,
      [HOOK]: "Sync",
      // keeps the last run's logs until the next sync replaces the Job
      [HOOK_DELETE_POLICY]: "BeforeHookCreation",
      [SYNC_WAVE]: String(FIRST_INIT_WAVE + i),
    };
    return [{ ...template, metadata: { ...template.metadata, name, annotations }, spec }];
  });
  if (problems.length > 0) throw new PostRenderError(problems);
  return [...objects.filter((o) => !isTemplateJob(o)), ...hooks];
}
