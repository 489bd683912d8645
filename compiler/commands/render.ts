// `npm run render -- <tenant>` (or `--dir DIR`, as the Argo CD plugin runs it): Tutor + kustomize + post-render,
// printed to stdout. `postrender` runs only the last step on kustomize output already at hand.
import fs from "node:fs";
import path from "node:path";
import type { InitTask } from "../postrender/index";
import { UsageError } from "./args";
import type { Command, CommandContext } from "./index";

// the renderer and its YAML library load when a command runs, not with every other command
const renderer = async () => {
  const [pipeline, tools, post] = await Promise.all([import("../pipeline/render"), import("../pipeline/tools"), import("../postrender/index")]);
  return { ...pipeline, ...tools, ...post };
};
type Renderer = Awaited<ReturnType<typeof renderer>>;

function tenantDir(ctx: CommandContext): string {
  const dir = ctx.opts.dir as string | undefined;
  const id = ctx.positionals[0];
  if (dir && id) throw new UsageError("give a tenant id or --dir, not both");
  if (dir) return path.resolve(dir);
  if (!id) throw new UsageError("say which tenant: <tenant> or --dir generated/tenants/<tenant>");
  return path.join(ctx.root, "generated", "tenants", id);
}

async function guarded(ctx: CommandContext, { PostRenderError, RenderError }: Renderer, body: () => string): Promise<number> {
  try {
    ctx.io.out(body().replace(/\n$/, ""));
    return 0;
  } catch (e) {
    if (!(e instanceof PostRenderError || e instanceof RenderError)) throw e;
    ctx.io.err(e.message);
    return 1;
  }
}

/** The plugin passes the tenant id too: a mismatch means the Application points at another tenant's folder. */
function checkTenant(ctx: CommandContext, { readRenderContext, RenderError }: Renderer, dir: string): void {
  const expected = ctx.opts.tenant as string | undefined;
  const actual = readRenderContext(dir).tenant;
  if (expected && expected !== actual) throw new RenderError(`${dir} holds tenant "${actual}", not "${expected}"`);
}

export const renderCommand: Command = {
  describe: "render one tenant's Open edX manifests with Tutor (needs tutor and kustomize or kubectl on PATH)",
  // the Argo CD plugin renders its own copy (--dir); a tenant of this tree is read under its lock
  lock: (opts) => (opts.dir !== undefined ? undefined : "read"),
  args: {
    usage: "[<tenant>]",
    positionals: { min: 0, max: 1 },
    options: {
      dir: { type: "string", value: "folder", help: "the tenant's generated folder instead of an id (as the Argo CD plugin runs it)" },
      tenant: { type: "string", value: "id", help: "the tenant the folder must hold (the plugin passes it)" },
    },
  },
  async run(ctx) {
    const dir = tenantDir(ctx);
    const r = await renderer();
    const { tools, missing } = r.findTools();
    if (!tools) {
      ctx.io.err(`cannot render: ${missing.join("; ")}.`);
      return 1;
    }
    return guarded(ctx, r, () => {
      checkTenant(ctx, r, dir);
      return r.renderTenantDir(dir, tools);
    });
  },
};

export const postrenderCommand: Command = {
  describe: "post-render kustomize output of Tutor (the last step of render, on output already at hand)",
  args: {
    options: {
      dir: { type: "string", value: "folder", required: true, help: "the tenant's generated folder" },
      manifests: { type: "string", value: "file|-", required: true, help: "kustomize output of Tutor's env (- for stdin)" },
      tasks: { type: "string", value: "file", required: true, help: "init-tasks.json written by the render" },
    },
  },
  async run(ctx) {
    const dir = tenantDir(ctx);
    const manifests = ctx.opts.manifests as string;
    const tasks = ctx.opts.tasks as string;
    const r = await renderer();
    return guarded(ctx, r, () => {
      const text = fs.readFileSync(manifests === "-" ? 0 : manifests, "utf8");
      return r.postRenderYaml(text, JSON.parse(fs.readFileSync(tasks, "utf8")) as InitTask[], r.readRenderContext(dir));
    });
  },
};
