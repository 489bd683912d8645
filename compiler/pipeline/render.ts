// The whole render of one tenant folder, as the Argo CD plugin runs it: Tutor in a throw-away root, kustomize,
// then post-render. The folder is generated/tenants/<id> (config.yml, render.json); the Tutor plugins are the fleet's
// (generated/tutor/plugins, named in render.json).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { postRenderYaml, type InitTask, type RenderContext } from "../postrender/index";
import type { Tools } from "./tools";

const WRAPPER = path.join(path.dirname(fileURLToPath(import.meta.url)), "tutor_render.py");

export class RenderError extends Error {}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): string {
  const r = spawnSync(cmd, args, { env, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw new RenderError(`${cmd} could not run: ${r.error.message}`);
  if (r.status !== 0) throw new RenderError(`${[cmd, ...args].join(" ")} failed (exit ${r.status}):\n${(r.stderr || r.stdout).trim()}`);
  return r.stdout;
}

/** Tutor reads TUTOR_<KEY> variables as config overrides: none may leak in from the caller's environment. */
function tutorEnv(root: string, pluginsRoot: string): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("TUTOR_")));
  return { ...env, TUTOR_ROOT: root, TUTOR_PLUGINS_ROOT: pluginsRoot, PYTHONDONTWRITEBYTECODE: "1" };
}

export function readRenderContext(dir: string): RenderContext {
  const file = path.join(dir, "render.json");
  if (!fs.existsSync(file)) throw new RenderError(`${file} is missing: is ${dir} a generated tenant folder (generated/tenants/<id>)?`);
  return JSON.parse(fs.readFileSync(file, "utf8")) as RenderContext;
}

/** Settings of the tenant's full Tutor config that post-render needs (written by tutor_render.py). */
function tutorSettings(root: string): Pick<RenderContext, "openedxVersion"> {
  const file = path.join(root, "settings.json");
  if (!fs.existsSync(file)) return {};
  const settings = JSON.parse(fs.readFileSync(file, "utf8")) as { OPENEDX_COMMON_VERSION?: unknown };
  return typeof settings.OPENEDX_COMMON_VERSION === "string" ? { openedxVersion: settings.OPENEDX_COMMON_VERSION } : {};
}

export function renderTenantDir(dir: string, tools: Tools): string {
  const ctx = readRenderContext(dir);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `tutor-${ctx.tenant}-`));
  try {
    fs.copyFileSync(path.join(dir, "config.yml"), path.join(root, "config.yml"));
    const plugins = path.resolve(dir, ctx.tutorPlugins);
    if (!fs.existsSync(plugins)) throw new RenderError(`${plugins} is missing: render a tenant folder inside a checkout of the whole generated/ tree`);
    const env = tutorEnv(root, plugins);
    run(tools.python, [WRAPPER, root], env);
    const [kustomize, ...args] = tools.kustomize;
    const manifests = run(kustomize!, [...args, path.join(root, "env")], env);
    const tasks = JSON.parse(fs.readFileSync(path.join(root, "init-tasks.json"), "utf8")) as InitTask[];
    return postRenderYaml(manifests, tasks, { ...ctx, ...tutorSettings(root) });
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
